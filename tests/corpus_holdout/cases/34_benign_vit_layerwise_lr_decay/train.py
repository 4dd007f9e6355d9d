"""ViT-S/16 supervised pretraining on the satellite land-cover archive."""
import logging
from dataclasses import dataclass

import timm
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.transforms import v2

logger = logging.getLogger(__name__)


@dataclass
class Config:
    data_root: str = "data/landcover_archive"
    model_name: str = "vit_small_patch16_224"
    lr: float = 1.5e-3
    weight_decay: float = 0.05
    epochs: int = 100
    batch_size: int = 256


def transforms(train: bool):
    ops = [v2.RandomResizedCrop(224, scale=(0.2, 1.0), antialias=True), v2.RandomHorizontalFlip(),
           v2.RandomVerticalFlip()] if train else [v2.Resize(224, antialias=True)]
    return v2.Compose(ops + [v2.ToImage(), v2.ToDtype(torch.float32, scale=True),
                             v2.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5])])


def main():
    logging.basicConfig(level=logging.INFO)
    cfg = Config()
    train = ImageFolder(f"{cfg.data_root}/train", transforms(True))
    val = ImageFolder(f"{cfg.data_root}/val", transforms(False))
    train_dl = DataLoader(train, batch_size=cfg.batch_size, shuffle=True, num_workers=12, drop_last=True)
    val_dl = DataLoader(val, batch_size=512, num_workers=12)

    model = timm.create_model(cfg.model_name, num_classes=len(train.classes), drop_path_rate=0.1).cuda()
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=cfg.epochs)
    for epoch in range(cfg.epochs):
        model.train()
        for x, y in train_dl:
            loss = F.cross_entropy(model(x.cuda()), y.cuda(), label_smoothing=0.1)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        model.eval()
        with torch.no_grad():
            correct = sum((model(x.cuda()).argmax(1).cpu() == y).sum().item() for x, y in val_dl)
        logger.info("epoch %d val acc %.4f", epoch, correct / len(val))
    torch.save(model.state_dict(), "ckpt/vit_s16_landcover.pth")


if __name__ == "__main__":
    main()
