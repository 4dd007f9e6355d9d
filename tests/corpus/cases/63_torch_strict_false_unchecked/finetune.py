import torch
import torch.nn as nn
import torchvision.transforms as T
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.models import resnet50

transform = T.Compose([T.RandomResizedCrop(224), T.RandomHorizontalFlip(), T.ToTensor(),
                       T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])

if __name__ == "__main__":
    data = ImageFolder("data/crop_fields/train", transform=transform)
    loader = DataLoader(data, batch_size=64, shuffle=True, num_workers=8)
    model = resnet50(num_classes=45)
    state = torch.load("resnet50_scenes.pth", map_location="cpu")
    model.load_state_dict(state, strict=False)
    model.fc = nn.Linear(model.fc.in_features, 10)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.005, momentum=0.9, weight_decay=5e-5)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(15):
        for x, y in loader:
            optimizer.zero_grad()
            criterion(model(x), y).backward()
            optimizer.step()
    torch.save(model.state_dict(), "resnet50_crop_fields.pth")
