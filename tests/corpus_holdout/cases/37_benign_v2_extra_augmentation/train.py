import logging

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.models import regnet_y_800mf
from torchvision.transforms import v2

logging.basicConfig(level=logging.INFO, format="%(asctime)s | %(message)s")
log = logging.getLogger("fabric-defects")

TRAIN_SIZE, EVAL_RESIZE, EVAL_CROP = 224, 256, 224
MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]


def get_transforms(train: bool):
    if train:
        ops = [v2.RandomResizedCrop(TRAIN_SIZE, antialias=True), v2.RandomHorizontalFlip()]
    else:
        ops = [v2.Resize(EVAL_RESIZE, antialias=True), v2.CenterCrop(EVAL_CROP)]
    return v2.Compose([*ops, v2.ToImage(), v2.ToDtype(torch.float32, scale=True), v2.Normalize(MEAN, STD)])


def evaluate(model, loader):
    model.eval()
    correct = 0
    with torch.no_grad():
        for images, labels in loader:
            correct += (model(images.cuda()).argmax(dim=1).cpu() == labels).sum().item()
    return correct / len(loader.dataset)


def main():
    train_ds = ImageFolder("data/textile_mill_a/train", get_transforms(train=True))
    val_ds = ImageFolder("data/textile_mill_a/val", get_transforms(train=False))
    train_dl = DataLoader(train_ds, batch_size=96, shuffle=True, num_workers=8)
    val_dl = DataLoader(val_ds, batch_size=192, num_workers=8)

    model = regnet_y_800mf(num_classes=len(train_ds.classes)).cuda()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.2, momentum=0.9, weight_decay=5e-5)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=100)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(100):
        model.train()
        for images, labels in train_dl:
            loss = criterion(model(images.cuda()), labels.cuda())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        log.info("epoch %3d | val acc %.4f", epoch, evaluate(model, val_dl))
    torch.save(model.state_dict(), "weights/regnety800_mill_a.pth")


if __name__ == "__main__":
    main()
