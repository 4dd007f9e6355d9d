import logging

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.models import vit_b_16
from torchvision.transforms import v2

logger = logging.getLogger(__name__)

IMAGE_SIZE = 224
OPENAI_CLIP_MEAN = (0.48145466, 0.4578275, 0.40821073)
OPENAI_CLIP_STD = (0.26862954, 0.26130258, 0.27577711)


def build_transforms(train: bool):
    head = (
        [v2.RandomResizedCrop(IMAGE_SIZE, scale=(0.35, 1.0), antialias=True), v2.RandomHorizontalFlip()]
        if train
        else [v2.Resize(256, antialias=True), v2.CenterCrop(IMAGE_SIZE)]
    )
    return v2.Compose(
        [*head, v2.ToImage(), v2.ToDtype(torch.float32, scale=True), v2.Normalize(OPENAI_CLIP_MEAN, OPENAI_CLIP_STD)]
    )


@torch.no_grad()
def accuracy(model, loader):
    model.eval()
    correct = total = 0
    for x, y in loader:
        correct += (model(x.cuda()).argmax(1).cpu() == y).sum().item()
        total += y.numel()
    return correct / total


def main():
    logging.basicConfig(level=logging.INFO)
    train_ds = ImageFolder("data/pollinators/train", transform=build_transforms(train=True))
    test_ds = ImageFolder("data/pollinators/test", transform=build_transforms(train=False))
    train_dl = DataLoader(train_ds, batch_size=32, shuffle=True, num_workers=8, drop_last=True)
    test_dl = DataLoader(test_ds, batch_size=128, num_workers=8)

    ckpt = torch.load("ckpt/vit_b16_insects.pt", map_location="cpu")
    model = vit_b_16(num_classes=len(ckpt["classes"]))
    model.load_state_dict(ckpt["model"])
    model.heads.head = nn.Linear(model.heads.head.in_features, len(train_ds.classes))
    model.cuda()

    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.05)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(10):
        model.train()
        for x, y in train_dl:
            loss = loss_fn(model(x.cuda()), y.cuda())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        logger.info("epoch %02d test acc %.4f", epoch, accuracy(model, test_dl))
    torch.save(model.state_dict(), "ckpt/vit_b16_pollinators.pt")


if __name__ == "__main__":
    main()
