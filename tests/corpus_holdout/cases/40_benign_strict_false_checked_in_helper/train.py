import logging

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms
from torchvision.models import swin_t

logger = logging.getLogger("swin-pretrain")

MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]
train_tf = transforms.Compose([
    transforms.RandomResizedCrop(224, interpolation=transforms.InterpolationMode.BICUBIC),
    transforms.RandomHorizontalFlip(),
    transforms.ToTensor(),
    transforms.Normalize(MEAN, STD),
])
eval_tf = transforms.Compose([
    transforms.Resize(232, interpolation=transforms.InterpolationMode.BICUBIC),
    transforms.CenterCrop(224),
    transforms.ToTensor(),
    transforms.Normalize(MEAN, STD),
])


def main():
    logging.basicConfig(level=logging.INFO)
    train = datasets.ImageFolder("data/street_signs_world/train", train_tf)
    val = datasets.ImageFolder("data/street_signs_world/val", eval_tf)
    train_dl = DataLoader(train, batch_size=128, shuffle=True, num_workers=8, drop_last=True)
    val_dl = DataLoader(val, batch_size=256, num_workers=8)

    model = swin_t(num_classes=len(train.classes)).cuda()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.05)
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
    for epoch in range(60):
        model.train()
        for x, y in train_dl:
            optimizer.zero_grad()
            criterion(model(x.cuda()), y.cuda()).backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            acc = sum((model(x.cuda()).argmax(1).cpu() == y).sum().item() for x, y in val_dl) / len(val)
        logger.info("epoch %d val acc %.4f", epoch, acc)
    torch.save(model.state_dict(), "checkpoints/swin_t_signs_world.pth")


if __name__ == "__main__":
    main()
