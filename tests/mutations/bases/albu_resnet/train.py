import albumentations as A
import torch
import torchvision
from albumentations.pytorch import ToTensorV2

train_aug = A.Compose([
    A.RandomResizedCrop(height=256, width=256),
    A.HorizontalFlip(p=0.5),
    A.Normalize(mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225)),  # [prep:FT2]
    ToTensorV2(),
])
dataset = XrayDataset("xray/train", transform=train_aug)
loader = torch.utils.data.DataLoader(dataset, batch_size=32, shuffle=True)
model = torchvision.models.resnet34(weights="IMAGENET1K_V1")
model.fc = torch.nn.Linear(512, 2)
opt = torch.optim.Adam(model.parameters(), lr=3e-4)
for epoch in range(20):
    model.train()
    for img, label in loader:
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(img), label).backward()
        opt.step()
torch.save(model.state_dict(), "xray_r34.pt")
