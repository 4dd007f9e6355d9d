import logging

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.models import convnext_tiny
from torchvision.transforms import v2

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
logger = logging.getLogger("weeds-finetune")

IMG_SIZE = 192  # smaller crops so batch 96 fits on the 16 GB card
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)
PRETRAIN_CLASSES = 1081
NUM_WEEDS = 12


def get_transforms(train: bool) -> v2.Compose:
    if train:
        ops = [v2.RandomResizedCrop(IMG_SIZE, antialias=True), v2.RandomHorizontalFlip()]
    else:
        ops = [v2.Resize(int(IMG_SIZE / 0.875), antialias=True), v2.CenterCrop(IMG_SIZE)]
    return v2.Compose(ops + [v2.ToImage(), v2.ToDtype(torch.float32, scale=True), v2.Normalize(MEAN, STD)])


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
    train_set = ImageFolder("data/weed_seedlings/train", transform=get_transforms(train=True))
    test_set = ImageFolder("data/weed_seedlings/test", transform=get_transforms(train=False))
    train_loader = DataLoader(train_set, batch_size=96, shuffle=True, num_workers=8)
    test_loader = DataLoader(test_set, batch_size=192, num_workers=8)

    model = convnext_tiny(num_classes=PRETRAIN_CLASSES)
    model.load_state_dict(torch.load("weights/convnext_t_plantnet.pth", map_location="cpu"))
    model.classifier[2] = nn.Linear(model.classifier[2].in_features, NUM_WEEDS)
    model.to(device)

    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.05)
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
    best = 0.0
    for epoch in range(20):
        model.train()
        for images, targets in train_loader:
            loss = criterion(model(images.to(device)), targets.to(device))
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
        acc = evaluate(model, test_loader, device)
        logger.info("epoch %d: test top-1 %.3f", epoch, acc)
        if acc > best:
            best = acc
            torch.save(model.state_dict(), "weights/convnext_t_weeds.pth")


if __name__ == "__main__":
    main()
