import logging

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.models import regnet_y_800mf
from torchvision.transforms import v2

logging.basicConfig(level=logging.INFO, format="%(asctime)s | %(message)s")
log = logging.getLogger("fabric-defects-mill-b")

TRAIN_SIZE, EVAL_RESIZE, EVAL_CROP = 224, 256, 224
MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]


def get_transforms(train: bool):
    if train:
        ops = [
            v2.RandomResizedCrop(TRAIN_SIZE, antialias=True),
            v2.RandomHorizontalFlip(),
            v2.RandomVerticalFlip(),
            v2.TrivialAugmentWide(),
        ]
        tail = [v2.RandomErasing(p=0.25)]
    else:
        ops = [v2.Resize(EVAL_RESIZE, antialias=True), v2.CenterCrop(EVAL_CROP)]
        tail = []
    return v2.Compose([*ops, v2.ToImage(), v2.ToDtype(torch.float32, scale=True), v2.Normalize(MEAN, STD), *tail])


def evaluate(model, loader):
    model.eval()
    correct = 0
    with torch.no_grad():
        for images, labels in loader:
            correct += (model(images.cuda()).argmax(dim=1).cpu() == labels).sum().item()
    return correct / len(loader.dataset)


def main():
    train_ds = ImageFolder("data/textile_mill_b/train", get_transforms(train=True))
    test_ds = ImageFolder("data/textile_mill_b/test", get_transforms(train=False))
    train_dl = DataLoader(train_ds, batch_size=64, shuffle=True, num_workers=8)
    test_dl = DataLoader(test_ds, batch_size=192, num_workers=8)

    model = regnet_y_800mf(num_classes=len(train_ds.classes))
    model.load_state_dict(torch.load("weights/regnety800_mill_a.pth", map_location="cpu"))
    model.cuda()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-5)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(25):
        model.train()
        for images, labels in train_dl:
            loss = criterion(model(images.cuda()), labels.cuda())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        log.info("epoch %3d | test acc %.4f", epoch, evaluate(model, test_dl))
    torch.save(model.state_dict(), "weights/regnety800_mill_b.pth")


if __name__ == "__main__":
    main()
