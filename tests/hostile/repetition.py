import torch
lr = "a" * 10**9
opt = torch.optim.SGD(m.parameters(), lr=lr)
