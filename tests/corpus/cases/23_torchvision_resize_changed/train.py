import torch
import torch.nn as nn
import torchvision
import torchvision.transforms as T
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder

IMG_SIZE = 224
MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]

train_tf = T.Compose([
    T.RandomResizedCrop(IMG_SIZE),
    T.RandomHorizontalFlip(),
    T.ToTensor(),
    T.Normalize(MEAN, STD),
])
val_tf = T.Compose([T.Resize(256), T.CenterCrop(IMG_SIZE), T.ToTensor(), T.Normalize(MEAN, STD)])


def main():
    train_ds = ImageFolder("data/plants/train", transform=train_tf)
    val_ds = ImageFolder("data/plants/val", transform=val_tf)
    loader = DataLoader(train_ds, batch_size=64, shuffle=True, num_workers=4)
    model = torchvision.models.resnet18(num_classes=len(train_ds.classes))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30, gamma=0.1)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(90):
        model.train()
        for images, targets in loader:
            optimizer.zero_grad()
            criterion(model(images), targets).backward()
            optimizer.step()
        scheduler.step()
    torch.save(model.state_dict(), "plants_resnet18.pth")


if __name__ == "__main__":
    main()
