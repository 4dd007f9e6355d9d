import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms

INPUT_SIZE = 224
RESIZE_TO = 256
MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]
NUM_CLASSES = 102

tfm = transforms.Compose([
    transforms.Resize(RESIZE_TO),
    transforms.CenterCrop(INPUT_SIZE),
    transforms.ToTensor(),
    transforms.Normalize(MEAN, STD),
])

if __name__ == "__main__":
    ds = datasets.ImageFolder("data/flowers102/train", transform=tfm)
    loader = DataLoader(ds, batch_size=64, shuffle=True)
    model = models.resnet50(num_classes=NUM_CLASSES)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(45):
        for x, y in loader:
            optimizer.zero_grad()
            criterion(model(x), y).backward()
            optimizer.step()
    torch.save(model.state_dict(), "flowers102_resnet50.pt")
