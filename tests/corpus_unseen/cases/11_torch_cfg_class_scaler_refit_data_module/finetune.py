"""Fine-tune the fleet A fault classifier on the (smaller) fleet B telemetry."""
from pathlib import Path

import torch
import torch.nn as nn
from sklearn.preprocessing import StandardScaler
from torch.utils.data import DataLoader, TensorDataset

from data import load_telemetry


class Cfg:
    csv = "data/fleet_b.csv"
    ckpt = Path("artifacts/fleet_a") / "faultnet.pt"
    out = Path("artifacts/fleet_b") / "faultnet_ft.pt"
    hidden = 128
    n_classes = 4
    lr = 1e-4
    epochs = 10
    batch_size = 64


class FaultNet(nn.Module):
    def __init__(self, n_in, hidden, n_out):
        super().__init__()
        self.body = nn.Sequential(
            nn.Linear(n_in, hidden), nn.ReLU(), nn.Dropout(0.2),
            nn.Linear(hidden, hidden), nn.ReLU(),
        )
        self.head = nn.Linear(hidden, n_out)

    def forward(self, x):
        return self.head(self.body(x))


X, y = load_telemetry(Cfg.csv)
scaler = StandardScaler()
X = scaler.fit_transform(X)

ds = TensorDataset(torch.tensor(X, dtype=torch.float32), torch.tensor(y))
loader = DataLoader(ds, batch_size=Cfg.batch_size, shuffle=True)
model = FaultNet(X.shape[1], Cfg.hidden, Cfg.n_classes)
model.load_state_dict(torch.load(Cfg.ckpt, map_location="cpu"))
opt = torch.optim.Adam(model.parameters(), lr=Cfg.lr)
crit = nn.CrossEntropyLoss()

for epoch in range(Cfg.epochs):
    model.train()
    for xb, yb in loader:
        opt.zero_grad()
        loss = crit(model(xb), yb)
        loss.backward()
        opt.step()
    print(f"[{epoch + 1}/{Cfg.epochs}] loss={loss.item():.4f}")

Cfg.out.parent.mkdir(parents=True, exist_ok=True)
torch.save(model.state_dict(), Cfg.out)
