import torch
import torch.nn as nn
import torchvision.transforms as T
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.models import resnet34

tf = T.Compose([T.RandomResizedCrop(224), T.ToTensor(),
                T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
loader = DataLoader(ImageFolder("data/leaf_disease/train", transform=tf), batch_size=32, shuffle=True)
val_loader = DataLoader(ImageFolder("data/leaf_disease/val", transform=tf), batch_size=32)
model = resnet34(num_classes=120)
model.load_state_dict(torch.load("plants_resnet34.pt"))
model.fc = nn.Linear(model.fc.in_features, 8)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
criterion = nn.CrossEntropyLoss()
for epoch in range(20):
    for x, y in loader:
        optimizer.zero_grad()
        criterion(model(x), y).backward()
        optimizer.step()
    model.eval()
    correct = 0
    with torch.no_grad():
        for x, y in val_loader:
            correct += (model(x).argmax(1) == y).sum().item()
    print(epoch, correct)
torch.save(model.state_dict(), "leaf_disease_resnet34.pt")
