import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms
from torchvision.models import resnet18

NORM = transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
TFM = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(), NORM])

if __name__ == "__main__":
    data = datasets.ImageFolder("data/pets37/train", transform=TFM)
    loader = DataLoader(data, batch_size=64, shuffle=True)
    model = resnet18(num_classes=37)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(25):
        for x, y in loader:
            optimizer.zero_grad()
            criterion(model(x), y).backward()
            optimizer.step()
    torch.save(model.state_dict(), "pets37_resnet18.pt")
