"""Fine-tune the masked-pretrained encoder for activity recognition (8 classes)."""
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

CKPT = Path("checkpoints") / "masked_ts" / "mae_last.pt"
N_CHANNELS, D_MODEL, N_CLASSES = 6, 128, 8


class TSEncoder(nn.Module):
    def __init__(self, n_channels=N_CHANNELS, d_model=D_MODEL, depth=4, heads=4):
        super().__init__()
        self.embed = nn.Linear(n_channels, d_model)
        layer = nn.TransformerEncoderLayer(d_model, heads, 4 * d_model, dropout=0.1, batch_first=True)
        self.blocks = nn.TransformerEncoder(layer, depth)

    def forward(self, x):
        return self.blocks(self.embed(x))


class ActivityClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = TSEncoder()
        self.head = nn.Linear(D_MODEL, N_CLASSES)

    def forward(self, x):
        return self.head(self.encoder(x).mean(dim=1))


state = torch.load(CKPT, map_location="cpu")
model = ActivityClassifier()
model.encoder.load_state_dict(state["model"], strict=False)

x = torch.from_numpy(np.load("data/har_windows.npy").astype(np.float32))
y = torch.from_numpy(np.load("data/har_labels.npy").astype(np.int64))
loader = DataLoader(TensorDataset(x, y), batch_size=64, shuffle=True)

opt = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.05)
criterion = nn.CrossEntropyLoss()
for epoch in range(30):
    model.train()
    for xb, yb in loader:
        loss = criterion(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(epoch, round(loss.item(), 4))

torch.save(model.state_dict(), Path("checkpoints") / "har_finetuned.pt")
