import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

BASE_LR = 1e-3
CONFIG = {
    "mean": (0.4914, 0.4822, 0.4465),
    "std": (0.247, 0.243, 0.261),
    "momentum": 0.9,
    "batch_size": 128,
}


class SmallCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.classifier = nn.Linear(64 * 8 * 8, 10)

    def forward(self, x):
        return self.classifier(self.features(x).flatten(1))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--lr", type=float, default=BASE_LR * 0.1)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--checkpoint", default="cifar_small.pt")
    args = parser.parse_args()

    tfm = transforms.Compose([transforms.ToTensor(), transforms.Normalize(CONFIG["mean"], CONFIG["std"])])
    loader = DataLoader(datasets.SVHN("data", split="train", transform=tfm), batch_size=CONFIG["batch_size"],
                        shuffle=True)
    model = SmallCNN()
    model.load_state_dict(torch.load(args.checkpoint))
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=CONFIG["momentum"])
    for epoch in range(args.epochs):
        for x, y in loader:
            optimizer.zero_grad()
            nn.functional.cross_entropy(model(x), y).backward()
            optimizer.step()
    torch.save(model.state_dict(), "svhn_small.pt")
