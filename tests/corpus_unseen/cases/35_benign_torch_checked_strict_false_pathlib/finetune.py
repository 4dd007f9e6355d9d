"""Supervised fine-tuning of the DAE encoder with a regression head."""
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


class Regressor(nn.Module):
    def __init__(self, n_in):
        super().__init__()
        self.body = Encoder(n_in).body
        self.head = nn.Linear(256, 1)

    def forward(self, x):
        return self.head(self.body(x)).squeeze(-1)


def main(args):
    X = torch.from_numpy(np.load(args.features).astype(np.float32))
    y = torch.from_numpy(np.load(args.targets).astype(np.float32))
    model = Regressor(X.shape[1])
    state = torch.load(Path(args.pretrained) / "encoder.pt", map_location="cpu")
    state = {k.replace("body.", "", 1): v for k, v in state.items()}
    missing, unexpected = model.body.load_state_dict(state, strict=False)
    assert not missing and not unexpected, f"missing={missing} unexpected={unexpected}"

    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    for epoch in range(args.epochs):
        for idx in torch.split(torch.randperm(len(X)), args.batch_size):
            loss = nn.functional.mse_loss(model(X[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: {loss.item():.5f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--features", default="data/labeled_features.npy")
    parser.add_argument("--targets", default="data/labeled_targets.npy")
    parser.add_argument("--pretrained", default="checkpoints/dae")
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=128)
    main(parser.parse_args())
