import logging

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.models import convnext_tiny
from torchvision.transforms import v2

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
logger = logging.getLogger("plantnet-pretrain")

IMG_SIZE = 224
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)
NUM_CLASSES = 1081


def get_transforms(train: bool) -> v2.Compose:
    if train:
        ops = [v2.RandomResizedCrop(IMG_SIZE, antialias=True), v2.RandomHorizontalFlip()]
    else:
        ops = [v2.Resize(int(IMG_SIZE / 0.875), antialias=True), v2.CenterCrop(IMG_SIZE)]
    return v2.Compose(ops + [v2.ToImage(), v2.ToDtype(torch.float32, scale=True), v2.Normalize(MEAN, STD)])


def train_one_epoch(model, loader, optimizer, criterion, device):
    model.train()
    for images, targets in loader:
        images, targets = images.to(device, non_blocking=True), targets.to(device)
        loss = criterion(model(images), targets)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    top1 = seen = 0
    for images, targets in loader:
        logits = model(images.to(device))
        top1 += (logits.argmax(1).cpu() == targets).sum().item()
        seen += targets.numel()
    return top1 / seen


def main():
    device = "cuda"
    train_set = ImageFolder("data/plantnet300k/train", transform=get_transforms(train=True))
    val_set = ImageFolder("data/plantnet300k/val", transform=get_transforms(train=False))
    train_loader = DataLoader(train_set, batch_size=128, shuffle=True, num_workers=12, pin_memory=True)
    val_loader = DataLoader(val_set, batch_size=256, num_workers=12)

    model = convnext_tiny(num_classes=NUM_CLASSES).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.05)
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
    for epoch in range(90):
        train_one_epoch(model, train_loader, optimizer, criterion, device)
        if epoch % 5 == 4:
            logger.info("epoch %d: val top-1 %.3f", epoch, evaluate(model, val_loader, device))
    torch.save(model.state_dict(), "weights/convnext_t_plantnet.pth")


if __name__ == "__main__":
    main()
