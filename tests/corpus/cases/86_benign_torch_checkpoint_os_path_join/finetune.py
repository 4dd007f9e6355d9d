import os

import torch
import torch.nn as nn

CKPT_DIR = "outputs/checkpoints"
CKPT_NAME = "anomaly_ae.pt"
LR = 1e-4


class Autoencoder(nn.Module):
    def __init__(self, n_in=52):
        super().__init__()
        self.enc = nn.Sequential(nn.Linear(n_in, 32), nn.ReLU(), nn.Linear(32, 8))
        self.dec = nn.Sequential(nn.Linear(8, 32), nn.ReLU(), nn.Linear(32, n_in))

    def forward(self, x):
        return self.dec(self.enc(x))


if __name__ == "__main__":
    x = torch.load("data/pump_sensors_site_b_normal.pt")
    model = Autoencoder()
    model.load_state_dict(torch.load(os.path.join(CKPT_DIR, CKPT_NAME)))
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    for step in range(500):
        batch = x[torch.randint(0, len(x), (128,))]
        opt.zero_grad()
        nn.functional.mse_loss(model(batch), batch).backward()
        opt.step()
    torch.save(model.state_dict(), os.path.join(CKPT_DIR, "anomaly_ae_site_b.pt"))
