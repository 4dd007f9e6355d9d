import pandas as pd
import torch
import torch.nn as nn

FEATURES = ["age", "bmi", "bp_sys", "bp_dia", "glucose", "cholesterol", "heart_rate"]
TARGET = "readmitted"
LR = 1e-3
EPOCHS = 50


class RiskMLP(nn.Module):
    def __init__(self, n_in):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(n_in, 64), nn.ReLU(), nn.Dropout(0.2),
            nn.Linear(64, 32), nn.ReLU(),
            nn.Linear(32, 1),
        )

    def forward(self, x):
        return self.net(x)


def normalize(df):
    return (df - df.mean()) / df.std()


if __name__ == "__main__":
    df = pd.read_csv("data/hospital_a.csv").dropna()
    X = torch.tensor(normalize(df[FEATURES]).values, dtype=torch.float32)
    y = torch.tensor(df[TARGET].values, dtype=torch.float32).unsqueeze(1)
    model = RiskMLP(len(FEATURES))
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    loss_fn = nn.BCEWithLogitsLoss()
    for epoch in range(EPOCHS):
        opt.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        opt.step()
    torch.save(model.state_dict(), "risk_mlp.pt")
