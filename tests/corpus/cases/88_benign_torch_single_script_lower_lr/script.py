import torch
import torch.nn as nn
import torch.optim as optim
import torchvision.transforms as T
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.models import resnet18

transform = T.Compose([
    T.Resize((128, 128)),
    T.ToTensor(),
    T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
])


def run_epochs(model, loader, optimizer, epochs):
    criterion = nn.CrossEntropyLoss()
    model.train()
    for _ in range(epochs):
        for images, labels in loader:
            optimizer.zero_grad()
            criterion(model(images), labels).backward()
            optimizer.step()


model = resnet18(num_classes=4)

# Original training
src = DataLoader(ImageFolder("data/mri_tumor/site1", transform=transform), batch_size=32, shuffle=True)
optimizer = optim.Adam(model.parameters(), lr=1e-3)
run_epochs(model, src, optimizer, epochs=30)
torch.save(model.state_dict(), "mri_resnet18.pt")

# Fine-tuning
tgt = DataLoader(ImageFolder("data/mri_tumor/site2", transform=transform), batch_size=16, shuffle=True)
optimizer = optim.Adam(model.parameters(), lr=1e-4)
run_epochs(model, tgt, optimizer, epochs=5)
torch.save(model.state_dict(), "mri_resnet18_site2.pt")
