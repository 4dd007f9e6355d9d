import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

EPOCHS = 50
LR = 5e-4
BATCH_SIZE = 64


class DemandForecaster(nn.Module):
    def __init__(self, n_features, horizon=24):
        super().__init__()
        self.lstm = nn.LSTM(n_features, 64, num_layers=2, batch_first=True)
        self.proj = nn.Linear(64, horizon)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.proj(out[:, -1])


if __name__ == "__main__":
    tensors = torch.load("data/store_demand_windows.pt")
    loader = DataLoader(TensorDataset(tensors["x"], tensors["y"]), batch_size=BATCH_SIZE, shuffle=True)
    model = DemandForecaster(tensors["x"].shape[-1])
    optimizer = torch.optim.Adam(model.parameters(), lr=LR)
    loss_fn = nn.L1Loss()
    for epoch in range(EPOCHS):
        for xb, yb in loader:
            optimizer.zero_grad()
            loss_fn(model(xb), yb).backward()
            optimizer.step()
    torch.save(model.state_dict(), "demand_lstm.pt")
