import numpy as np
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
    ds = datasets.ImageFolder("data/retina/train", transform=tfm)
    counts = np.bincount(ds.targets)
    class_weights = torch.tensor(len(ds.targets) / (len(counts) * counts), dtype=torch.float32)
    loader = DataLoader(ds, batch_size=32, shuffle=True, num_workers=4)
    model = models.resnet34(num_classes=5)
    criterion = nn.CrossEntropyLoss(weight=class_weights)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
    for epoch in range(30):
        model.train()
        for images, labels in loader:
            optimizer.zero_grad()
            criterion(model(images), labels).backward()
            optimizer.step()
    torch.save(model.state_dict(), "retina_resnet34.pt")
