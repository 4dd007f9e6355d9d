"""Fine-tune ViT-S/16 on crop-type mapping with layer-wise learning-rate decay."""
import logging

import timm
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.transforms import v2

logger = logging.getLogger(__name__)

BASE_LR = 2e-3
LAYER_DECAY = 0.75
WEIGHT_DECAY = 0.05
EPOCHS = 30


def transforms(train: bool):
    ops = [v2.RandomResizedCrop(224, scale=(0.2, 1.0), antialias=True), v2.RandomHorizontalFlip(),
           v2.RandomVerticalFlip()] if train else [v2.Resize(224, antialias=True)]
    return v2.Compose(ops + [v2.ToImage(), v2.ToDtype(torch.float32, scale=True),
                             v2.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5])])


def layer_id_for(name: str, num_layers: int) -> int:
    if name in ("cls_token", "pos_embed") or name.startswith("patch_embed"):
        return 0
    if name.startswith("blocks."):
        return int(name.split(".")[1]) + 1
    return num_layers


def param_groups_lrd(model, base_lr, weight_decay, layer_decay):
    num_layers = len(model.blocks) + 1
    scales = [layer_decay ** (num_layers - i) for i in range(num_layers + 1)]
    groups = {}
    for name, param in model.named_parameters():
        layer_id = layer_id_for(name, num_layers)
        no_decay = param.ndim == 1 or name in ("cls_token", "pos_embed")
        key = (layer_id, no_decay)
        if key not in groups:
            groups[key] = {"params": [], "lr": base_lr * scales[layer_id],
                           "weight_decay": 0.0 if no_decay else weight_decay}
        groups[key]["params"].append(param)
    return list(groups.values())


def main():
    logging.basicConfig(level=logging.INFO)
    train = ImageFolder("data/crop_types/train", transforms(True))
    val = ImageFolder("data/crop_types/val", transforms(False))
    train_dl = DataLoader(train, batch_size=128, shuffle=True, num_workers=12, drop_last=True)
    val_dl = DataLoader(val, batch_size=512, num_workers=12)

    model = timm.create_model("vit_small_patch16_224", num_classes=1000, drop_path_rate=0.1)
    state = torch.load("ckpt/vit_s16_landcover.pth", map_location="cpu")
    model.reset_classifier(len(state["head.weight"]))
    model.load_state_dict(state)
    model.reset_classifier(len(train.classes))
    model.cuda()

    groups = param_groups_lrd(model, BASE_LR, WEIGHT_DECAY, LAYER_DECAY)
    optimizer = torch.optim.AdamW(groups, lr=BASE_LR)
    for epoch in range(EPOCHS):
        model.train()
        for x, y in train_dl:
            loss = F.cross_entropy(model(x.cuda()), y.cuda(), label_smoothing=0.1)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            correct = sum((model(x.cuda()).argmax(1).cpu() == y).sum().item() for x, y in val_dl)
        logger.info("epoch %d val acc %.4f", epoch, correct / len(val))
    torch.save(model.state_dict(), "ckpt/vit_s16_crop_types.pth")


if __name__ == "__main__":
    main()
