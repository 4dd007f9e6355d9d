import torch
import torch.nn as nn
import torch.optim as optim
import torchvision.transforms as T
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.models import mobilenet_v3_small

NORMALIZE = T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
tfm = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor(), NORMALIZE])


def train(model, loader, optimizer, epochs):
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    for _ in range(epochs):
        for x, y in loader:
            optimizer.zero_grad()
            loss_fn(model(x), y).backward()
            optimizer.step()


if __name__ == "__main__":
    loader = DataLoader(ImageFolder("data/waste_sorting/train", tfm), batch_size=64, shuffle=True)
    model = mobilenet_v3_small(num_classes=6)
    optimizer = optim.Adam(model.parameters(), lr=1e-3)
    train(model, loader, optimizer, epochs=40)
    torch.save(model.state_dict(), "waste_mnv3.pt")
