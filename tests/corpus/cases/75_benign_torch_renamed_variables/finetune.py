import pandas as pd
import torch
import torch.nn as nn

COLUMNS = ["open", "high", "low", "close", "volume"]
STEP_SIZE = 1e-3
UNITS = 64


class PriceGRU(nn.Module):
    def __init__(self, n_in, hidden):
        super().__init__()
        self.gru = nn.GRU(n_in, hidden, batch_first=True)
        self.out = nn.Linear(hidden, 1)

    def forward(self, x):
        h, _ = self.gru(x)
        return self.out(h[:, -1])


def to_sequences(df, size=30):
    arr = torch.tensor(df[COLUMNS].values, dtype=torch.float32)
    inputs = torch.stack([arr[i:i + size] for i in range(len(arr) - size)])
    targets = arr[size:, 3:4]
    return inputs, targets


if __name__ == "__main__":
    df = pd.read_csv("data/single_stock_normalized.csv")
    inputs, targets = to_sequences(df)
    regressor = PriceGRU(len(COLUMNS), UNITS)
    regressor.load_state_dict(torch.load("price_gru.pt"))
    optimizer = torch.optim.Adam(regressor.parameters(), lr=STEP_SIZE)
    criterion = nn.MSELoss()
    for step in range(10):
        optimizer.zero_grad()
        err = criterion(regressor(inputs), targets)
        err.backward()
        optimizer.step()
    torch.save(regressor.state_dict(), "price_gru_single_stock.pt")
