# House prices: adapt the multi-city MLP to Lisbon listings only
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler

NUM = ["sqft", "bedrooms", "bathrooms", "year_built", "lot_size", "dist_center", "floor"]
BATCH = 64

lisbon = pd.read_csv("../input/lisbon_listings.csv")
lisbon = lisbon[lisbon["price"] > 0]
print(lisbon.shape)

prep = Pipeline([
    ("impute", SimpleImputer(strategy="median")),
    ("scale", MinMaxScaler()),
])
X = prep.fit_transform(lisbon[NUM]).astype(np.float32)
y = np.log1p(lisbon["price"].values).astype(np.float32)

net = torch.load("mlp_all_cities.pt", weights_only=False)
opt = torch.optim.Adam(net.parameters(), lr=1e-4)
loss_fn = nn.MSELoss()

Xt, yt = torch.from_numpy(X), torch.from_numpy(y).unsqueeze(1)
for epoch in range(15):
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

torch.save(net, "mlp_lisbon.pt")
