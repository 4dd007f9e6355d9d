import logging
from dataclasses import dataclass

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.models import ViT_B_16_Weights, vit_b_16
from torchvision.transforms import v2

logger = logging.getLogger(__name__)


@dataclass
class DataConfig:
    root: str = "data/inat_insects"
    image_size: int = 224
    mean: tuple = (0.485, 0.456, 0.406)
    std: tuple = (0.229, 0.224, 0.225)
    batch_size: int = 64


@dataclass
class OptimConfig:
    lr: float = 3e-4
    weight_decay: float = 0.05
    epochs: int = 30


def build_transforms(cfg: DataConfig, train: bool):
    head = (
        [v2.RandomResizedCrop(cfg.image_size, scale=(0.35, 1.0), antialias=True), v2.RandomHorizontalFlip()]
        if train
        else [v2.Resize(256, antialias=True), v2.CenterCrop(cfg.image_size)]
    )
    return v2.Compose([*head, v2.ToImage(), v2.ToDtype(torch.float32, scale=True), v2.Normalize(cfg.mean, cfg.std)])


def main():
    logging.basicConfig(level=logging.INFO)
    data_cfg, optim_cfg = DataConfig(), OptimConfig()
    train_ds = ImageFolder(f"{data_cfg.root}/train", transform=build_transforms(data_cfg, train=True))
    val_ds = ImageFolder(f"{data_cfg.root}/val", transform=build_transforms(data_cfg, train=False))
    train_dl = DataLoader(train_ds, batch_size=data_cfg.batch_size, shuffle=True, num_workers=8, drop_last=True)
    val_dl = DataLoader(val_ds, batch_size=128, num_workers=8)

    model = vit_b_16(weights=ViT_B_16_Weights.IMAGENET1K_V1)
    model.heads.head = nn.Linear(model.heads.head.in_features, len(train_ds.classes))
    model.cuda()
    optimizer = torch.optim.AdamW(model.parameters(), lr=optim_cfg.lr, weight_decay=optim_cfg.weight_decay)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=optim_cfg.epochs)
    loss_fn = nn.CrossEntropyLoss()

    for epoch in range(optim_cfg.epochs):
        model.train()
        for x, y in train_dl:
            loss = loss_fn(model(x.cuda()), y.cuda())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        model.eval()
        correct = 0
        with torch.no_grad():
            for x, y in val_dl:
                correct += (model(x.cuda()).argmax(1).cpu() == y).sum().item()
        logger.info("epoch %02d val acc %.4f", epoch, correct / len(val_ds))

    torch.save({"model": model.state_dict(), "classes": train_ds.classes}, "ckpt/vit_b16_insects.pt")


if __name__ == "__main__":
    main()
