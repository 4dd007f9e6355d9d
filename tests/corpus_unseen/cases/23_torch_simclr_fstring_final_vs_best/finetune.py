"""Fine-tune the SimCLR ResNet-18 on the labeled STL-10 train split."""
import argparse

import torch
import torch.nn as nn
import torchvision
import torchvision.transforms as T
from torch.utils.data import DataLoader

STL_MEAN, STL_STD = (0.4467, 0.4398, 0.4066), (0.2603, 0.2566, 0.2713)


def main(args):
    tf = T.Compose([T.RandomResizedCrop(96), T.RandomHorizontalFlip(), T.ToTensor(), T.Normalize(STL_MEAN, STL_STD)])
    ds = torchvision.datasets.STL10("data", split="train", download=True, transform=tf)
    loader = DataLoader(ds, batch_size=args.batch_size, shuffle=True, num_workers=8)

    encoder = torchvision.models.resnet18(weights=None)
    encoder.fc = nn.Identity()
    encoder.load_state_dict(torch.load(args.pretrained, map_location="cpu"))
    model = nn.Sequential(encoder, nn.Linear(512, 10))

    opt = torch.optim.Adam(model.parameters(), lr=args.lr, weight_decay=1e-6)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(args.epochs):
        model.train()
        correct = 0
        for x, y in loader:
            logits = model(x)
            loss = criterion(logits, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            correct += (logits.argmax(1) == y).sum().item()
        print(f"epoch {epoch} acc {correct / len(ds):.3f}")
    torch.save(model.state_dict(), "runs/stl10_finetuned.pth")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--pretrained", default="runs/simclr_r18/encoder_best.pth")
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch_size", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-4)
    main(p.parse_args())
