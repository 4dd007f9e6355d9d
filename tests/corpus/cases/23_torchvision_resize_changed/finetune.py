import torch
import torch.nn as nn
import torchvision
import torchvision.transforms as T
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder

IMG_SIZE = 288
MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]

train_tf = T.Compose([
    T.RandomResizedCrop(IMG_SIZE),
    T.RandomHorizontalFlip(),
    T.ToTensor(),
    T.Normalize(MEAN, STD),
])


def main():
    ds = ImageFolder("data/plant_disease/train", transform=train_tf)
    loader = DataLoader(ds, batch_size=32, shuffle=True, num_workers=4)
    model = torchvision.models.resnet18(num_classes=38)
    model.load_state_dict(torch.load("plants_resnet18.pth"))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(10):
        model.train()
        for images, targets in loader:
            optimizer.zero_grad()
            criterion(model(images), targets).backward()
            optimizer.step()
    torch.save(model.state_dict(), "plant_disease_resnet18.pth")


if __name__ == "__main__":
    main()
