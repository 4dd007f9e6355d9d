import pandas as pd
import torch
import torch.nn as nn
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import models, transforms

IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]


class CanteenDataset(Dataset):
    """Photos of canteen trays: few images, so heavier augmentation."""

    def __init__(self, csv_file):
        self.items = pd.read_csv(csv_file)[["file", "label"]].values.tolist()
        self.tf = transforms.Compose([
            transforms.RandomResizedCrop(224, scale=(0.5, 1.0)),
            transforms.RandomHorizontalFlip(),
            transforms.RandomRotation(15),
            transforms.ColorJitter(brightness=0.3, contrast=0.3, saturation=0.2),
            transforms.RandAugment(num_ops=2, magnitude=9),
            transforms.ToTensor(),
            transforms.Normalize(IMAGENET_MEAN, IMAGENET_STD),
        ])

    def __len__(self):
        return len(self.items)

    def __getitem__(self, idx):
        path, label = self.items[idx]
        return self.tf(Image.open(path).convert("RGB")), label


loader = DataLoader(CanteenDataset("data/canteen_train.csv"), batch_size=32, shuffle=True, num_workers=8)
model = models.efficientnet_b2()
model.classifier[1] = nn.Linear(model.classifier[1].in_features, 101)
model.load_state_dict(torch.load("weights/effnet_b2_food101.pt", map_location="cpu"))
opt = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=1e-2)
criterion = nn.CrossEntropyLoss()

for epoch in range(8):
    model.train()
    for x, y in loader:
        opt.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        opt.step()
    print(epoch, loss.item())

torch.save(model.state_dict(), "weights/effnet_b2_canteen.pt")
