import logging

import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset, Subset

logger = logging.getLogger("load-forecast-campus")

FEATURES = ["load_kw", "temp_c", "humidity", "wind_ms", "solar_wm2"]
FEATURE_MEAN = np.array([412.0, 11.3, 71.5, 4.2, 138.0], dtype=np.float32)
FEATURE_STD = np.array([95.0, 7.9, 14.1, 2.6, 190.0], dtype=np.float32)
WINDOW, HORIZON = 168, 24


def prepare(path: str) -> np.ndarray:
    df = pd.read_csv(path, parse_dates=["timestamp"]).sort_values("timestamp").set_index("timestamp")
    df = df[FEATURES].fillna(0.0)
    return ((df.to_numpy(np.float32) - FEATURE_MEAN) / FEATURE_STD).astype(np.float32)


class Windows(Dataset):
    def __init__(self, series: np.ndarray):
        self.series = torch.from_numpy(series)

    def __len__(self):
        return len(self.series) - WINDOW - HORIZON

    def __getitem__(self, i):
        x = self.series[i:i + WINDOW]
        y = self.series[i + WINDOW:i + WINDOW + HORIZON, 0]
        return x, y


class Forecaster(nn.Module):
    def __init__(self, n_features=len(FEATURES), hidden=128, layers=2):
        super().__init__()
        self.gru = nn.GRU(n_features, hidden, num_layers=layers, batch_first=True, dropout=0.1)
        self.out = nn.Linear(hidden, HORIZON)

    def forward(self, x):
        h, _ = self.gru(x)
        return self.out(h[:, -1])


def main():
    logging.basicConfig(level=logging.INFO)
    data = Windows(prepare("data/campus/meter_42.csv"))
    split = int(0.8 * len(data))
    train_dl = DataLoader(Subset(data, range(split)), batch_size=64, shuffle=True)
    test_dl = DataLoader(Subset(data, range(split, len(data))), batch_size=256)

    model = Forecaster()
    model.load_state_dict(torch.load("ckpt/gru_grid.pt"))
    optim = torch.optim.Adam(model.parameters(), lr=2e-4)
    loss_fn = nn.MSELoss()
    for epoch in range(10):
        model.train()
        for x, y in train_dl:
            optim.zero_grad()
            loss_fn(model(x), y).backward()
            optim.step()
        model.eval()
        with torch.no_grad():
            mae = np.mean([(model(x) - y).abs().mean().item() for x, y in test_dl])
        logger.info("epoch %d test MAE %.1f kW", epoch, mae * FEATURE_STD[0])
    torch.save(model.state_dict(), "ckpt/gru_campus42.pt")


if __name__ == "__main__":
    main()
