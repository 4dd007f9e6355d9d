import torch
lr = 10 ** 10 ** 10
opt = torch.optim.SGD(m.parameters(), lr=lr)
