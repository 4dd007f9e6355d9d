import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, WeightedRandomSampler

BATCH = 128
EPOCHS = 20


def make_model(n_in):
    return nn.Sequential(nn.Linear(n_in, 256), nn.ReLU(), nn.Dropout(0.3), nn.Linear(256, 2))


if __name__ == "__main__":
    arr = np.load("data/claims_features.npz")
    X = torch.tensor(arr["X"], dtype=torch.float32)
    y = torch.tensor(arr["y"], dtype=torch.long)
    class_counts = torch.bincount(y)
    sample_weights = (1.0 / class_counts.float())[y]
    sampler = WeightedRandomSampler(sample_weights, num_samples=len(y), replacement=True)
    loader = DataLoader(TensorDataset(X, y), batch_size=BATCH, sampler=sampler)
    model = make_model(X.shape[1])
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    for _ in range(EPOCHS):
        for xb, yb in loader:
            opt.zero_grad()
            loss_fn(model(xb), yb).backward()
            opt.step()
    torch.save(model.state_dict(), "claims_fraud.pt")
