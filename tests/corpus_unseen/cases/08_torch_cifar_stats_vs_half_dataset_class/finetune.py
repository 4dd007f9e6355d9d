"""Fine-tune the CIFAR-100 SmallResNet on 32x32 crops of our parts catalogue."""
import pandas as pd
import torch
import torch.nn as nn
import torchvision.transforms as T
from PIL import Image
from torch.utils.data import DataLoader, Dataset

from models import SmallResNet


class PartsDataset(Dataset):
    def __init__(self, csv_path, train=True):
        self.df = pd.read_csv(csv_path)
        aug = [T.RandomHorizontalFlip()] if train else []
        self.tf = T.Compose([T.Resize((32, 32)), *aug, T.ToTensor(),
                             T.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])

    def __len__(self):
        return len(self.df)

    def __getitem__(self, idx):
        row = self.df.iloc[idx]
        img = Image.open(row["path"]).convert("RGB")
        return self.tf(img), int(row["label"])


device = "cuda" if torch.cuda.is_available() else "cpu"
ckpt = torch.load("checkpoints/smallresnet_c100.pth", map_location="cpu")
model = SmallResNet(num_classes=ckpt["num_classes"])
model.load_state_dict(ckpt["state_dict"])
model.fc = nn.Linear(model.fc.in_features, 10)
model = model.to(device)

loader = DataLoader(PartsDataset("data/parts_train.csv"), batch_size=64, shuffle=True, num_workers=4)
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
criterion = nn.CrossEntropyLoss()

for epoch in range(30):
    model.train()
    for images, targets in loader:
        images, targets = images.to(device), targets.to(device)
        loss = criterion(model(images), targets)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(f"epoch {epoch} loss {loss.item():.4f}")

torch.save(model.state_dict(), "checkpoints/smallresnet_parts.pth")
