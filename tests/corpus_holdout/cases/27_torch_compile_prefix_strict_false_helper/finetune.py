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

logger = logging.getLogger("finetune")


def get_transforms(train: bool):
    aug = [v2.RandomResizedCrop(224, antialias=True), v2.RandomHorizontalFlip()] if train else \
        [v2.Resize(256, antialias=True), v2.CenterCrop(224)]
    return v2.Compose(aug + [v2.ToImage(), v2.ToDtype(torch.float32, scale=True),
                             v2.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])


def load_pretrained(model: nn.Module, path: str) -> nn.Module:
    ckpt = torch.load(path, map_location="cpu")
    state = {k: v for k, v in ckpt["state_dict"].items() if not k.startswith("fc.")}
    model.load_state_dict(state, strict=False)
    logger.info("initialised backbone from %s (epoch %s)", path, ckpt.get("epoch"))
    return model


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--data-root", dest="data_root", default="data/shelf_audit")
    p.add_argument("--ckpt-dir", dest="ckpt_dir", default="checkpoints")
    p.add_argument("--learning-rate", dest="lr", type=float, default=0.01)
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--batch-size", dest="batch_size", type=int, default=64)
    return p.parse_args()


def main():
    args = parse()
    logging.basicConfig(level=logging.INFO)
    train_set = ImageFolder(os.path.join(args.data_root, "train"), get_transforms(True))
    test_set = ImageFolder(os.path.join(args.data_root, "test"), get_transforms(False))
    train_dl = DataLoader(train_set, batch_size=args.batch_size, shuffle=True, num_workers=8)
    test_dl = DataLoader(test_set, batch_size=256, num_workers=8)

    model = resnet50(num_classes=len(train_set.classes))
    model = load_pretrained(model, os.path.join(args.ckpt_dir, "r50_retail.pth")).cuda()
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
    for epoch in range(args.epochs):
        model.train()
        for x, y in train_dl:
            loss = F.cross_entropy(model(x.cuda()), y.cuda())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            correct = sum((model(x.cuda()).argmax(1).cpu() == y).sum().item() for x, y in test_dl)
        logger.info("epoch %d test top-1 %.4f", epoch, correct / len(test_set))
    torch.save(model.state_dict(), os.path.join(args.ckpt_dir, "r50_shelf_audit.pth"))


if __name__ == "__main__":
    main()
