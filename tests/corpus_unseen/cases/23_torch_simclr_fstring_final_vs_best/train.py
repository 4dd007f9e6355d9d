"""SimCLR pretraining of a ResNet-18 encoder on unlabeled STL-10."""
import argparse
import os

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
import torchvision.transforms as T
from torch.utils.data import DataLoader

STL_MEAN, STL_STD = (0.4467, 0.4398, 0.4066), (0.2603, 0.2566, 0.2713)


class TwoViews:
    def __init__(self, tf):
        self.tf = tf

    def __call__(self, x):
        return self.tf(x), self.tf(x)


def nt_xent(z1, z2, tau):
    z = F.normalize(torch.cat([z1, z2]), dim=1)
    sim = z @ z.t() / tau
    sim.fill_diagonal_(float("-inf"))
    n = z1.size(0)
    targets = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])
    return F.cross_entropy(sim, targets)


def main(args):
    aug = T.Compose([
        T.RandomResizedCrop(96), T.RandomHorizontalFlip(),
        T.RandomApply([T.ColorJitter(0.4, 0.4, 0.4, 0.1)], p=0.8), T.RandomGrayscale(p=0.2),
        T.ToTensor(), T.Normalize(STL_MEAN, STL_STD),
    ])
    ds = torchvision.datasets.STL10("data", split="unlabeled", download=True, transform=TwoViews(aug))
    loader = DataLoader(ds, batch_size=args.batch_size, shuffle=True, num_workers=8, drop_last=True)

    encoder = torchvision.models.resnet18(weights=None)
    encoder.fc = nn.Identity()
    projector = nn.Sequential(nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 128))
    params = list(encoder.parameters()) + list(projector.parameters())
    opt = torch.optim.Adam(params, lr=args.lr, weight_decay=1e-6)

    for epoch in range(args.epochs):
        encoder.train()
        for (x1, x2), _ in loader:
            loss = nt_xent(projector(encoder(x1)), projector(encoder(x2)), args.tau)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch} nt-xent {loss.item():.4f}")

    os.makedirs(args.out_dir, exist_ok=True)
    torch.save(encoder.state_dict(), f"{args.out_dir}/encoder_final.pth")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=200)
    p.add_argument("--batch_size", type=int, default=256)
    p.add_argument("--lr", type=float, default=3e-4)
    p.add_argument("--tau", type=float, default=0.5)
    p.add_argument("--out_dir", default="runs/simclr_r18")
    main(p.parse_args())
