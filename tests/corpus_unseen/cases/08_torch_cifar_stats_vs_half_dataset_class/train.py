"""Pretrain SmallResNet on CIFAR-100 (200 epochs, SGD + cosine)."""
import torch
import torch.nn as nn
import torchvision
import torchvision.transforms as T
from torch.utils.data import DataLoader

from models import SmallResNet

CIFAR_MEAN = (0.5071, 0.4865, 0.4409)
CIFAR_STD = (0.2673, 0.2564, 0.2762)
EPOCHS = 200

train_tf = T.Compose([
    T.RandomCrop(32, padding=4),
    T.RandomHorizontalFlip(),
    T.ToTensor(),
    T.Normalize(CIFAR_MEAN, CIFAR_STD),
])
trainset = torchvision.datasets.CIFAR100("data", train=True, download=True, transform=train_tf)
loader = DataLoader(trainset, batch_size=128, shuffle=True, num_workers=4)

device = "cuda" if torch.cuda.is_available() else "cpu"
model = SmallResNet(num_classes=100).to(device)
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4, nesterov=True)
sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=EPOCHS)
criterion = nn.CrossEntropyLoss()

for epoch in range(EPOCHS):
    model.train()
    correct = 0
    for images, targets in loader:
        images, targets = images.to(device), targets.to(device)
        logits = model(images)
        loss = criterion(logits, targets)
        opt.zero_grad()
        loss.backward()
        opt.step()
        correct += (logits.argmax(1) == targets).sum().item()
    sched.step()
    print(f"epoch {epoch}: train acc {correct / len(trainset):.3f}")

torch.save({"state_dict": model.state_dict(), "num_classes": 100}, "checkpoints/smallresnet_c100.pth")
