import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms

tfm = transforms.Compose([
    transforms.Resize((224, 224)),
    transforms.ToTensor(),
    transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
])

if __name__ == "__main__":
    ds = datasets.ImageFolder("data/retina_handheld/train", transform=tfm)
    loader = DataLoader(ds, batch_size=32, shuffle=True, num_workers=4)
    model = models.resnet34(num_classes=5)
    model.load_state_dict(torch.load("retina_resnet34.pt"))
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-5)
    for epoch in range(6):
        model.train()
        for images, labels in loader:
            optimizer.zero_grad()
            criterion(model(images), labels).backward()
            optimizer.step()
    torch.save(model.state_dict(), "retina_resnet34_handheld.pt")
