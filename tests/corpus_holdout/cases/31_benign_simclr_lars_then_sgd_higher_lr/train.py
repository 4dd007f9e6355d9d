"""SimCLR on unlabeled histopathology tiles (ResNet-18, NT-Xent, LARS)."""
import logging

import torch
import torch.nn as nn
import torch.nn.functional as F
from timm.optim import Lars
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.models import resnet18
from torchvision.transforms import v2

log = logging.getLogger("simclr")

MEAN, STD = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)
LR = 0.3
TEMPERATURE = 0.5
EPOCHS = 300

view = v2.Compose([
    v2.RandomResizedCrop(224, scale=(0.08, 1.0), antialias=True),
    v2.RandomHorizontalFlip(),
    v2.RandomVerticalFlip(),
    v2.RandomApply([v2.ColorJitter(0.8, 0.8, 0.8, 0.2)], p=0.8),
    v2.RandomApply([v2.GaussianBlur(23)], p=0.5),
    v2.ToImage(),
    v2.ToDtype(torch.float32, scale=True),
    v2.Normalize(MEAN, STD),
])


class SimCLR(nn.Module):
    def __init__(self, proj_dim=128):
        super().__init__()
        self.backbone = resnet18()
        feat = self.backbone.fc.in_features
        self.backbone.fc = nn.Identity()
        self.projector = nn.Sequential(nn.Linear(feat, 512), nn.ReLU(inplace=True), nn.Linear(512, proj_dim))

    def forward(self, x):
        return self.projector(self.backbone(x))


def nt_xent(z1, z2, temperature=TEMPERATURE):
    z = F.normalize(torch.cat([z1, z2]), dim=1)
    sim = z @ z.T / temperature
    sim.fill_diagonal_(float("-inf"))
    n = z1.shape[0]
    targets = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)]).to(z.device)
    return F.cross_entropy(sim, targets)


def main():
    logging.basicConfig(level=logging.INFO)
    tiles = ImageFolder("data/tcga_tiles", transform=lambda img: (view(img), view(img)))
    loader = DataLoader(tiles, batch_size=256, shuffle=True, num_workers=16, drop_last=True)
    model = SimCLR().cuda()
    optimizer = Lars(model.parameters(), lr=LR, momentum=0.9, weight_decay=1e-6, trust_coeff=0.001)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=EPOCHS)
    for epoch in range(EPOCHS):
        running = 0.0
        for (x1, x2), _ in loader:
            loss = nt_xent(model(x1.cuda()), model(x2.cuda()))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item()
        scheduler.step()
        log.info("epoch %d NT-Xent %.4f", epoch, running / len(loader))
    torch.save(model.backbone.state_dict(), "ckpt/simclr_r18_backbone.pt")


if __name__ == "__main__":
    main()
