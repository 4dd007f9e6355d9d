"""BYOL pretraining of ResNet-50 with LARS (nested dict config, no hydra)."""
import copy

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
import torchvision.transforms as T
from lightly.utils.lars import LARS
from torch.utils.data import DataLoader

CFG = {
    "data": {"root": "data/unlabeled_pathology", "crop": 224, "batch_size": 512},
    "optim": {"base_lr": 0.2, "weight_decay": 1.5e-6, "epochs": 300},
    "byol": {"tau": 0.996, "proj_dim": 256},
    "out": "checkpoints/byol_r50_backbone.pt",
}
MEAN, STD = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)


def mlp(d_in, d_out):
    return nn.Sequential(nn.Linear(d_in, 4096), nn.BatchNorm1d(4096), nn.ReLU(), nn.Linear(4096, d_out))


aug = T.Compose([T.RandomResizedCrop(CFG["data"]["crop"]), T.RandomHorizontalFlip(),
                 T.RandomApply([T.ColorJitter(0.4, 0.4, 0.2, 0.1)], p=0.8), T.RandomGrayscale(0.2),
                 T.GaussianBlur(23), T.ToTensor(), T.Normalize(MEAN, STD)])
ds = torchvision.datasets.ImageFolder(CFG["data"]["root"], transform=lambda im: (aug(im), aug(im)))
loader = DataLoader(ds, batch_size=CFG["data"]["batch_size"], shuffle=True, num_workers=16, drop_last=True)

backbone = torchvision.models.resnet50(weights=None)
backbone.fc = nn.Identity()
online = nn.Sequential(backbone, mlp(2048, CFG["byol"]["proj_dim"]))
predictor = mlp(CFG["byol"]["proj_dim"], CFG["byol"]["proj_dim"])
target = copy.deepcopy(online).requires_grad_(False)

lr = CFG["optim"]["base_lr"] * CFG["data"]["batch_size"] / 256
params = list(online.parameters()) + list(predictor.parameters())
optimizer = LARS(params, lr=lr, weight_decay=CFG["optim"]["weight_decay"])

for epoch in range(CFG["optim"]["epochs"]):
    for (v1, v2), _ in loader:
        p1, p2 = predictor(online(v1)), predictor(online(v2))
        with torch.no_grad():
            z1, z2 = target(v1), target(v2)
        loss = (2 - 2 * F.cosine_similarity(p1, z2).mean()) + (2 - 2 * F.cosine_similarity(p2, z1).mean())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            for t, o in zip(target.parameters(), online.parameters()):
                t.mul_(CFG["byol"]["tau"]).add_(o, alpha=1 - CFG["byol"]["tau"])
    print(epoch, loss.item())

torch.save(backbone.state_dict(), CFG["out"])
