"""Network-flow intrusion classifier: pretrain on the balanced lab capture."""
import logging

import joblib
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from sklearn.preprocessing import StandardScaler
from torch.utils.data import DataLoader, TensorDataset

logger = logging.getLogger("ids")

FEATURES = ["duration", "src_bytes", "dst_bytes", "pkts", "syn_ratio", "rst_ratio", "mean_iat", "std_iat",
            "dst_port_entropy", "flows_per_src"]
CLASSES = ["benign", "dos", "portscan", "bruteforce", "exfil"]


def make_mlp(n_in, n_out):
    return nn.Sequential(nn.Linear(n_in, 128), nn.ReLU(), nn.Dropout(0.1), nn.Linear(128, 64), nn.ReLU(),
                         nn.Linear(64, n_out))


def to_tensors(df, scaler):
    X = scaler.transform(df[FEATURES].fillna(df[FEATURES].median()))
    y = df["attack"].map({c: i for i, c in enumerate(CLASSES)}).to_numpy()
    return TensorDataset(torch.tensor(X, dtype=torch.float32), torch.tensor(y))


def main():
    logging.basicConfig(level=logging.INFO)
    train_df = pd.read_csv("data/lab_capture/train.csv")
    val_df = pd.read_csv("data/lab_capture/val.csv")
    scaler = StandardScaler().fit(train_df[FEATURES].fillna(train_df[FEATURES].median()))
    joblib.dump(scaler, "artifacts/flow_scaler.joblib")

    train_dl = DataLoader(to_tensors(train_df, scaler), batch_size=512, shuffle=True)
    val_x, val_y = to_tensors(val_df, scaler).tensors
    model = make_mlp(len(FEATURES), len(CLASSES))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(30):
        model.train()
        for x, y in train_dl:
            optimizer.zero_grad()
            criterion(model(x), y).backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            acc = (model(val_x).argmax(1) == val_y).float().mean().item()
        logger.info("epoch %d val acc %.4f", epoch, acc)
    torch.save(model.state_dict(), "artifacts/flow_mlp.pt")


if __name__ == "__main__":
    main()
