import torch
lr = '%0999999999d' % 1
opt = torch.optim.SGD(m.parameters(), lr=lr)
