"""Pretrain a fingerprint MLP on the large public solubility set (AqSolDB-like)."""
import argparse

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class FingerprintMLP(nn.Module):
    def __init__(self, n_bits=2048, hidden=512, dropout=0.2):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(n_bits, hidden), nn.ReLU(), nn.Dropout(dropout),
            nn.Linear(hidden, hidden // 2), nn.ReLU(), nn.Dropout(dropout),
        )
        self.out = nn.Linear(hidden // 2, 1)

    def forward(self, x):
        return self.out(self.net(x)).squeeze(-1)


def get_parser():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fps", default="data/public_fps.npy")
    parser.add_argument("--targets", default="data/public_logS.npy")
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--bs", type=int, default=256)
    parser.add_argument("--save", default="ckpt/mlp_public.pt")
    return parser


def main(args):
    X = torch.from_numpy(np.load(args.fps).astype(np.float32))
    y = torch.from_numpy(np.load(args.targets).astype(np.float32))
    loader = DataLoader(TensorDataset(X, y), batch_size=args.bs, shuffle=True)

    model = FingerprintMLP()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    criterion = nn.HuberLoss(delta=1.0)

    for epoch in range(args.epochs):
        model.train()
        running = 0.0
        for xb, yb in loader:
            optimizer.zero_grad()
            loss = criterion(model(xb), yb)
            loss.backward()
            optimizer.step()
            running += loss.item() * len(xb)
        print(f"epoch {epoch:3d}  loss {running / len(X):.4f}")

    torch.save(model.state_dict(), args.save)


if __name__ == "__main__":
    main(get_parser().parse_args())
