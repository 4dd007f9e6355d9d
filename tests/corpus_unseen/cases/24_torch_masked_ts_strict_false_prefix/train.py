"""Masked reconstruction pretraining of a Transformer encoder on unlabeled sensor windows."""
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

OUT_DIR = Path("checkpoints") / "masked_ts"
N_CHANNELS, D_MODEL, MASK_RATIO = 6, 128, 0.4


class TSEncoder(nn.Module):
    def __init__(self, n_channels=N_CHANNELS, d_model=D_MODEL, depth=4, heads=4):
        super().__init__()
        self.embed = nn.Linear(n_channels, d_model)
        layer = nn.TransformerEncoderLayer(d_model, heads, 4 * d_model, dropout=0.1, batch_first=True)
        self.blocks = nn.TransformerEncoder(layer, depth)

    def forward(self, x):
        return self.blocks(self.embed(x))


class MaskedAutoencoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = TSEncoder()
        self.decoder = nn.Linear(D_MODEL, N_CHANNELS)

    def forward(self, x):
        mask = torch.rand(x.shape[:2], device=x.device) < MASK_RATIO
        recon = self.decoder(self.encoder(x.masked_fill(mask[..., None], 0.0)))
        return ((recon - x) ** 2)[mask].mean()


windows = torch.from_numpy(np.load("data/unlabeled_windows.npy").astype(np.float32))
loader = DataLoader(TensorDataset(windows), batch_size=256, shuffle=True)

model = MaskedAutoencoder()
opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.05)

for epoch in range(100):
    model.train()
    for (xb,) in loader:
        loss = model(xb)
        opt.zero_grad()
        loss.backward()
        opt.step()
    if epoch % 10 == 0:
        print(epoch, round(loss.item(), 5))

OUT_DIR.mkdir(parents=True, exist_ok=True)
torch.save({"model": model.state_dict(), "epoch": 100}, OUT_DIR / "mae_last.pt")
