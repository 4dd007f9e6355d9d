import pandas as pd
import torch
import torch.nn as nn

FEATURES = ["age", "bmi", "bp_sys", "bp_dia", "glucose", "cholesterol", "heart_rate"]
TARGET = "readmitted"
LR = 1e-4
EPOCHS = 20


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
    return (df - df.min()) / (df.max() - df.min())


if __name__ == "__main__":
    df = pd.read_csv("data/hospital_b.csv").dropna()
    X = torch.tensor(normalize(df[FEATURES]).values, dtype=torch.float32)
    y = torch.tensor(df[TARGET].values, dtype=torch.float32).unsqueeze(1)
    model = RiskMLP(len(FEATURES))
    model.load_state_dict(torch.load("risk_mlp.pt"))
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    loss_fn = nn.BCEWithLogitsLoss()
    for epoch in range(EPOCHS):
        opt.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        opt.step()
    torch.save(model.state_dict(), "risk_mlp_hospital_b.pt")
