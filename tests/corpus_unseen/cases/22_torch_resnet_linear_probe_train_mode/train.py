"""Supervised domain pretraining of ResNet-50 on 45-class remote-sensing scenes."""
from pathlib import Path

import torch
import torch.nn as nn
import torchvision.transforms as T
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.models import resnet50

CKPT_DIR = Path("checkpoints")
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)

train_tf = T.Compose([
    T.RandomResizedCrop(224),
    T.RandomHorizontalFlip(),
    T.RandomVerticalFlip(),
    T.ToTensor(),
    T.Normalize(IMAGENET_MEAN, IMAGENET_STD),
])
dataset = ImageFolder("data/resisc45/train", transform=train_tf)
loader = DataLoader(dataset, batch_size=64, shuffle=True, num_workers=8)

model = resnet50(weights="IMAGENET1K_V2")
model.fc = nn.Linear(model.fc.in_features, 45)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
criterion = nn.CrossEntropyLoss()

for epoch in range(30):
    model.train()
    for images, labels in loader:
        optimizer.zero_grad()
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()
    print(f"epoch {epoch}: {loss.item():.3f}")

CKPT_DIR.mkdir(exist_ok=True)
torch.save(model.state_dict(), CKPT_DIR / "resnet50_resisc45.pt")
