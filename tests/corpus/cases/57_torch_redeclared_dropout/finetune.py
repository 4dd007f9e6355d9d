import torch
import torch.nn as nn
import torch.optim as optim
from torch.utils.data import DataLoader, TensorDataset


class TabularNet(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.body = nn.Sequential(
            nn.Linear(n_in, 512),
            nn.BatchNorm1d(512),
            nn.ReLU(),
            nn.Dropout(0.1),
            nn.Linear(512, 256),
            nn.ReLU(),
        )
        self.head = nn.Linear(256, n_out)

    def forward(self, x):
        return self.head(self.body(x))


def main():
    blob = torch.load("data/forest_cover_region2_tensors.pt")
    loader = DataLoader(TensorDataset(blob["X"], blob["y"]), batch_size=256, shuffle=True)
    model = TabularNet(54, 7)
    model.load_state_dict(torch.load("forest_cover_net.pt"))
    optimizer = optim.Adam(model.parameters(), lr=1e-4)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(8):
        for xb, yb in loader:
            optimizer.zero_grad()
            criterion(model(xb), yb).backward()
            optimizer.step()
    torch.save(model.state_dict(), "forest_cover_net_region2.pt")


if __name__ == "__main__":
    main()
