import logging

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms
from torchvision.models import swin_t

logger = logging.getLogger("swin-finetune")

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
HEAD_KEYS = {"head.weight", "head.bias"}


def load_backbone(model: nn.Module, path: str) -> nn.Module:
    state = torch.load(path, map_location="cpu")
    state = {k: v for k, v in state.items() if k not in HEAD_KEYS}
    result = model.load_state_dict(state, strict=False)
    logger.info("missing: %s | unexpected: %s", result.missing_keys, result.unexpected_keys)
    if result.unexpected_keys or set(result.missing_keys) != HEAD_KEYS:
        raise RuntimeError(f"checkpoint does not match the backbone: {result}")
    return model


def main():
    logging.basicConfig(level=logging.INFO)
    train = datasets.ImageFolder("data/street_signs_local/train", train_tf)
    test = datasets.ImageFolder("data/street_signs_local/test", eval_tf)
    train_dl = DataLoader(train, batch_size=64, shuffle=True, num_workers=8)
    test_dl = DataLoader(test, batch_size=256, num_workers=8)

    model = load_backbone(swin_t(num_classes=len(train.classes)), "checkpoints/swin_t_signs_world.pth").cuda()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.05)
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
    for epoch in range(15):
        model.train()
        for x, y in train_dl:
            optimizer.zero_grad()
            criterion(model(x.cuda()), y.cuda()).backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            acc = sum((model(x.cuda()).argmax(1).cpu() == y).sum().item() for x, y in test_dl) / len(test)
        logger.info("epoch %d test acc %.4f", epoch, acc)
    torch.save(model.state_dict(), "checkpoints/swin_t_signs_local.pth")


if __name__ == "__main__":
    main()
