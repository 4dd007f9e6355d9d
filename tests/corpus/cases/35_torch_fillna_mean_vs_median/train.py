import json

import numpy as np
import pandas as pd
import torch
from torch import nn

NUM_COLS = ["income", "debt_ratio", "utilization", "n_open_lines", "n_late_30", "age"]
STATS_PATH = "credit_stats.json"


def prepare(df, stats):
    df = df[NUM_COLS].fillna(df[NUM_COLS].mean())
    return ((df - pd.Series(stats["mu"])) / pd.Series(stats["sigma"])).values.astype(np.float32)


if __name__ == "__main__":
    df = pd.read_csv("data/credit_bank1.csv")
    filled = df[NUM_COLS].fillna(df[NUM_COLS].mean())
    stats = {"mu": filled.mean().to_dict(), "sigma": filled.std().to_dict()}
    X = torch.from_numpy(prepare(df, stats))
    y = torch.tensor(df["default"].values, dtype=torch.float32)
    model = nn.Sequential(nn.Linear(len(NUM_COLS), 32), nn.ReLU(), nn.Linear(32, 1))
    optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-3)
    criterion = nn.BCEWithLogitsLoss()
    for step in range(2000):
        idx = torch.randint(0, len(X), (256,))
        optimizer.zero_grad()
        criterion(model(X[idx]).squeeze(1), y[idx]).backward()
        optimizer.step()
    torch.save(model, "credit_model.pt")
    json.dump(stats, open(STATS_PATH, "w"))
