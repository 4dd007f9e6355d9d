import json

import numpy as np
import pandas as pd
import torch
from torch import nn

NUM_COLS = ["income", "debt_ratio", "utilization", "n_open_lines", "n_late_30", "age"]
STATS_PATH = "credit_stats.json"


def prepare(df, stats):
    df = df[NUM_COLS].fillna(df[NUM_COLS].median())
    return ((df - pd.Series(stats["mu"])) / pd.Series(stats["sigma"])).values.astype(np.float32)


if __name__ == "__main__":
    stats = json.load(open(STATS_PATH))
    df = pd.read_csv("data/credit_bank2.csv")
    X = torch.from_numpy(prepare(df, stats))
    y = torch.tensor(df["default"].values, dtype=torch.float32)
    model = torch.load("credit_model.pt")
    optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-4)
    criterion = nn.BCEWithLogitsLoss()
    for step in range(500):
        idx = torch.randint(0, len(X), (256,))
        optimizer.zero_grad()
        criterion(model(X[idx]).squeeze(1), y[idx]).backward()
        optimizer.step()
    torch.save(model, "credit_model_bank2.pt")
