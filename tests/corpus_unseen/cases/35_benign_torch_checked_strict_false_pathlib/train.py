"""Denoising-autoencoder pretraining for a tabular encoder (research repo style)."""
import argparse
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self, n_in, width=256, depth=3):
        super().__init__()
        layers, d = [], n_in
        for _ in range(depth):
            layers += [nn.Linear(d, width), nn.LayerNorm(width), nn.GELU()]
            d = width
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        return self.body(x)


class DAE(nn.Module):
    def __init__(self, n_in):
        super().__init__()
        self.encoder = Encoder(n_in)
        self.decoder = nn.Linear(256, n_in)

    def forward(self, x, noise=0.15):
        corrupted = torch.where(torch.rand_like(x) < noise, x[torch.randperm(len(x))], x)
        return nn.functional.mse_loss(self.decoder(self.encoder(corrupted)), x)


def main(args):
    X = torch.from_numpy(np.load(args.features).astype(np.float32))
    model = DAE(X.shape[1])
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    for epoch in range(args.epochs):
        for batch in torch.split(X[torch.randperm(len(X))], args.batch_size):
            loss = model(batch)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: {loss.item():.5f}")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    torch.save(model.encoder.state_dict(), out / "encoder.pt")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--features", default="data/unlabeled_features.npy")
    parser.add_argument("--lr", type=float, default=3e-4)
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--batch-size", type=int, default=512)
    parser.add_argument("--out", default="checkpoints/dae")
    main(parser.parse_args())
