import logging

import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

logger = logging.getLogger("load-forecast")

FEATURES = ["load_kw", "temp_c", "humidity", "wind_ms", "solar_wm2"]
FEATURE_MEAN = np.array([412.0, 11.3, 71.5, 4.2, 138.0], dtype=np.float32)
FEATURE_STD = np.array([95.0, 7.9, 14.1, 2.6, 190.0], dtype=np.float32)
WINDOW, HORIZON = 168, 24


def prepare(path: str) -> np.ndarray:
    df = pd.read_csv(path, parse_dates=["timestamp"]).sort_values("timestamp").set_index("timestamp")
    df = df[FEATURES].interpolate(method="linear", limit_direction="both")
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
    train = Windows(prepare("data/grid/substations_2019_2022.csv"))
    valid = Windows(prepare("data/grid/substations_2023.csv"))
    train_dl = DataLoader(train, batch_size=256, shuffle=True)
    valid_dl = DataLoader(valid, batch_size=512)

    model = Forecaster()
    optim = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.MSELoss()
    for epoch in range(25):
        model.train()
        for x, y in train_dl:
            optim.zero_grad()
            loss_fn(model(x), y).backward()
            optim.step()
        model.eval()
        with torch.no_grad():
            mae = np.mean([(model(x) - y).abs().mean().item() for x, y in valid_dl])
        logger.info("epoch %d valid MAE (std units) %.4f", epoch, mae)
    torch.save(model.state_dict(), "ckpt/gru_grid.pt")


if __name__ == "__main__":
    main()
