# House prices: pretrain an MLP on the big multi-city listing dump
import joblib
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

NUM = ["sqft", "bedrooms", "bathrooms", "year_built", "lot_size", "dist_center", "floor"]
BATCH = 512

df = pd.read_csv("../input/listings_all_cities.csv")
df = df[df["price"] > 0]
print(df.describe())

prep = Pipeline([
    ("impute", SimpleImputer(strategy="median")),
    ("scale", StandardScaler()),
])
X = prep.fit_transform(df[NUM]).astype(np.float32)
y = np.log1p(df["price"].values).astype(np.float32)
joblib.dump(prep, "prep_all_cities.joblib")

net = nn.Sequential(
    nn.Linear(len(NUM), 256), nn.ReLU(), nn.Dropout(0.1),
    nn.Linear(256, 128), nn.ReLU(),
    nn.Linear(128, 1),
)
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
loss_fn = nn.MSELoss()

Xt, yt = torch.from_numpy(X), torch.from_numpy(y).unsqueeze(1)
for epoch in range(50):
    perm = torch.randperm(len(Xt))
    total = 0.0
    for i in range(0, len(Xt), BATCH):
        idx = perm[i:i + BATCH]
        opt.zero_grad()
        loss = loss_fn(net(Xt[idx]), yt[idx])
        loss.backward()
        opt.step()
        total += loss.item() * len(idx)
    print(epoch, total / len(Xt))

torch.save(net, "mlp_all_cities.pt")
