"""Network-flow intrusion classifier: adapt to the production network (rare attacks)."""
import logging

import joblib
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from sklearn.metrics import classification_report
from sklearn.utils.class_weight import compute_class_weight
from torch.utils.data import DataLoader, TensorDataset

logger = logging.getLogger("ids-prod")

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
    scaler = joblib.load("artifacts/flow_scaler.joblib")
    train_ds = to_tensors(pd.read_csv("data/prod_flows/train.csv"), scaler)
    test_x, test_y = to_tensors(pd.read_csv("data/prod_flows/test.csv"), scaler).tensors

    y_np = train_ds.tensors[1].numpy()
    weights = compute_class_weight("balanced", classes=np.arange(len(CLASSES)), y=y_np)
    logger.info("class weights: %s", dict(zip(CLASSES, weights.round(2))))

    model = make_mlp(len(FEATURES), len(CLASSES))
    model.load_state_dict(torch.load("artifacts/flow_mlp.pt"))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    criterion = nn.CrossEntropyLoss(weight=torch.tensor(weights, dtype=torch.float32))
    for epoch in range(10):
        model.train()
        for x, y in DataLoader(train_ds, batch_size=256, shuffle=True):
            optimizer.zero_grad()
            criterion(model(x), y).backward()
            optimizer.step()
    model.eval()
    with torch.no_grad():
        preds = model(test_x).argmax(1).numpy()
    logger.info("\n%s", classification_report(test_y.numpy(), preds, target_names=CLASSES, digits=3))
    torch.save(model.state_dict(), "artifacts/flow_mlp_prod.pt")


if __name__ == "__main__":
    main()
