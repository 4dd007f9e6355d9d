"""Linear probe of the RESISC45 ResNet-50 on a 10-class crop-type dataset."""
from pathlib import Path

import torch
import torch.nn as nn
import torchvision.transforms as T
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.models import resnet50

CKPT = Path("checkpoints") / "resnet50_resisc45.pt"
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)

probe_tf = T.Compose([
    T.RandomResizedCrop(224),
    T.RandomHorizontalFlip(),
    T.ToTensor(),
    T.Normalize(IMAGENET_MEAN, IMAGENET_STD),
])
dataset = ImageFolder("data/croptypes/train", transform=probe_tf)
loader = DataLoader(dataset, batch_size=128, shuffle=True, num_workers=8)

model = resnet50(num_classes=45)
model.load_state_dict(torch.load(CKPT, map_location="cpu"))
for param in model.parameters():
    param.requires_grad = False
model.fc = nn.Linear(2048, 10)

optimizer = torch.optim.SGD(model.fc.parameters(), lr=0.01, momentum=0.9)
criterion = nn.CrossEntropyLoss()

for epoch in range(20):
    model.train()
    correct = 0
    for images, labels in loader:
        logits = model(images)
        loss = criterion(logits, labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        correct += (logits.argmax(1) == labels).sum().item()
    print(f"epoch {epoch}: acc {correct / len(dataset):.3f}")

torch.save(model.fc.state_dict(), Path("checkpoints") / "croptype_probe.pt")
