import argparse
import logging
import os

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.models import resnet50
from torchvision.transforms import v2

logger = logging.getLogger("pretrain")


def get_transforms(train: bool):
    aug = [v2.RandomResizedCrop(224, antialias=True), v2.RandomHorizontalFlip()] if train else \
        [v2.Resize(256, antialias=True), v2.CenterCrop(224)]
    return v2.Compose(aug + [v2.ToImage(), v2.ToDtype(torch.float32, scale=True),
                             v2.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--data-root", dest="data_root", default="data/retail_products")
    p.add_argument("--ckpt-dir", dest="ckpt_dir", default="checkpoints")
    p.add_argument("--learning-rate", dest="lr", type=float, default=0.1)
    p.add_argument("--epochs", type=int, default=90)
    p.add_argument("--batch-size", dest="batch_size", type=int, default=256)
    return p.parse_args()


def main():
    args = parse()
    logging.basicConfig(level=logging.INFO)
    train_set = ImageFolder(os.path.join(args.data_root, "train"), get_transforms(True))
    val_set = ImageFolder(os.path.join(args.data_root, "val"), get_transforms(False))
    train_dl = DataLoader(train_set, batch_size=args.batch_size, shuffle=True, num_workers=16, drop_last=True)
    val_dl = DataLoader(val_set, batch_size=512, num_workers=16)

    model = torch.compile(resnet50(num_classes=len(train_set.classes)).cuda())
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs)
    for epoch in range(args.epochs):
        model.train()
        for x, y in train_dl:
            loss = F.cross_entropy(model(x.cuda(non_blocking=True)), y.cuda(non_blocking=True))
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
        scheduler.step()
        model.eval()
        with torch.no_grad():
            correct = sum((model(x.cuda()).argmax(1).cpu() == y).sum().item() for x, y in val_dl)
        logger.info("epoch %d top-1 %.4f", epoch, correct / len(val_set))
    os.makedirs(args.ckpt_dir, exist_ok=True)
    torch.save({"state_dict": model.state_dict(), "epoch": args.epochs}, os.path.join(args.ckpt_dir, "r50_retail.pth"))


if __name__ == "__main__":
    main()
