import pandas as pd
import torch
import torch.nn as nn

FEATURES = ["open", "high", "low", "close", "volume"]
LEARNING_RATE = 1e-3
HIDDEN = 64


class PriceGRU(nn.Module):
    def __init__(self, n_in, hidden):
        super().__init__()
        self.gru = nn.GRU(n_in, hidden, batch_first=True)
        self.out = nn.Linear(hidden, 1)

    def forward(self, x):
        h, _ = self.gru(x)
        return self.out(h[:, -1])


def make_windows(frame, size=30):
    values = torch.tensor(frame[FEATURES].values, dtype=torch.float32)
    xs = torch.stack([values[i:i + size] for i in range(len(values) - size)])
    ys = values[size:, 3:4]
    return xs, ys


if __name__ == "__main__":
    frame = pd.read_csv("data/index_prices_normalized.csv")
    xs, ys = make_windows(frame)
    net = PriceGRU(len(FEATURES), HIDDEN)
    opt = torch.optim.Adam(net.parameters(), lr=LEARNING_RATE)
    mse = nn.MSELoss()
    for epoch in range(40):
        opt.zero_grad()
        loss = mse(net(xs), ys)
        loss.backward()
        opt.step()
    torch.save(net.state_dict(), "price_gru.pt")
