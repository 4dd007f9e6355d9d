"""Linear evaluation of the MoCo backbone on the labelled parcel-damage set."""
import logging

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision.transforms as T
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.models import resnet50

logger = logging.getLogger("linear-eval")

NORMALIZE = T.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])
TRAIN_TF = T.Compose([T.RandomResizedCrop(224), T.RandomHorizontalFlip(), T.ToTensor(), NORMALIZE])
VAL_TF = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor(), NORMALIZE])


def build_probe(num_classes: int) -> nn.Module:
    model = resnet50(num_classes=num_classes)
    state = torch.load("ckpt/moco_v2_r50.pth", map_location="cpu")["state_dict"]
    state = {k: v for k, v in state.items() if not k.startswith("fc.")}
    msg = model.load_state_dict(state, strict=False)
    assert set(msg.missing_keys) == {"fc.weight", "fc.bias"}, msg.missing_keys
    assert not msg.unexpected_keys, msg.unexpected_keys
    for name, param in model.named_parameters():
        if name not in ("fc.weight", "fc.bias"):
            param.requires_grad = False
    model.fc.weight.data.normal_(mean=0.0, std=0.01)
    model.fc.bias.data.zero_()
    return model


def main():
    logging.basicConfig(level=logging.INFO)
    train = ImageFolder("data/parcel_damage/train", TRAIN_TF)
    val = ImageFolder("data/parcel_damage/val", VAL_TF)
    train_dl = DataLoader(train, batch_size=256, shuffle=True, num_workers=16)
    val_dl = DataLoader(val, batch_size=256, num_workers=16)

    model = build_probe(len(train.classes)).cuda()
    model.eval()  # frozen BatchNorm statistics during linear evaluation
    optimizer = torch.optim.SGD(model.fc.parameters(), lr=30.0, momentum=0.9, weight_decay=0.0)
    scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[60, 80], gamma=0.1)
    for epoch in range(100):
        for x, y in train_dl:
            loss = F.cross_entropy(model(x.cuda()), y.cuda())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        with torch.no_grad():
            correct = sum((model(x.cuda()).argmax(1).cpu() == y).sum().item() for x, y in val_dl)
        logger.info("epoch %d linear top-1 %.4f", epoch, correct / len(val))
    torch.save(model.fc.state_dict(), "ckpt/parcel_linear_head.pth")


if __name__ == "__main__":
    main()
