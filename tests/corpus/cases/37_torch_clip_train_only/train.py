import joblib
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from sklearn.preprocessing import StandardScaler

FEATURES = [f"sensor_{i}" for i in range(21)]
CLIP = 5.0


def features(df, scaler):
    X = scaler.transform(df[FEATURES].values)
    return np.clip(X, -CLIP, CLIP)


if __name__ == "__main__":
    df = pd.read_csv("data/turbofan_fd001.csv")
    scaler = StandardScaler().fit(df[FEATURES].values)
    X = torch.tensor(features(df, scaler), dtype=torch.float32)
    y = torch.tensor(df["rul"].values, dtype=torch.float32).unsqueeze(1)
    model = nn.Sequential(nn.Linear(21, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 1))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(100):
        opt.zero_grad()
        nn.functional.mse_loss(model(X), y).backward()
        opt.step()
    torch.save(model.state_dict(), "rul_mlp.pt")
    joblib.dump(scaler, "rul_scaler.joblib")
