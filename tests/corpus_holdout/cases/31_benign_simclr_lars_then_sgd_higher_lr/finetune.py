"""Fine-tune the SimCLR backbone on labelled tumour / stroma / normal tiles."""
import logging

import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.metrics import balanced_accuracy_score
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.models import resnet18
from torchvision.transforms import v2

log = logging.getLogger("tiles-ft")

MEAN, STD = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)
BATCH_SIZE = 2048
LR = 0.05 * BATCH_SIZE / 256  # SimCLR fine-tuning rule: 0.4

train_tf = v2.Compose([
    v2.RandomResizedCrop(224, antialias=True),
    v2.RandomHorizontalFlip(),
    v2.ToImage(),
    v2.ToDtype(torch.float32, scale=True),
    v2.Normalize(MEAN, STD),
])
eval_tf = v2.Compose([
    v2.Resize(256, antialias=True),
    v2.CenterCrop(224),
    v2.ToImage(),
    v2.ToDtype(torch.float32, scale=True),
    v2.Normalize(MEAN, STD),
])


def main():
    logging.basicConfig(level=logging.INFO)
    train = ImageFolder("data/crc_labelled/train", train_tf)
    test = ImageFolder("data/crc_labelled/test", eval_tf)
    train_dl = DataLoader(train, batch_size=BATCH_SIZE, shuffle=True, num_workers=16, drop_last=True)
    test_dl = DataLoader(test, batch_size=512, num_workers=16)

    model = resnet18()
    model.fc = nn.Identity()
    model.load_state_dict(torch.load("ckpt/simclr_r18_backbone.pt", map_location="cpu"))
    model.fc = nn.Linear(512, len(train.classes))
    model.cuda()

    optimizer = torch.optim.SGD(model.parameters(), lr=LR, momentum=0.9, nesterov=True, weight_decay=0.0)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=30)
    for epoch in range(30):
        model.train()
        for x, y in train_dl:
            loss = F.cross_entropy(model(x.cuda()), y.cuda())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        model.eval()
        preds, gold = [], []
        with torch.no_grad():
            for x, y in test_dl:
                preds += model(x.cuda()).argmax(1).cpu().tolist()
                gold += y.tolist()
        log.info("epoch %d balanced accuracy %.4f", epoch, balanced_accuracy_score(gold, preds))
    torch.save(model.state_dict(), "ckpt/crc_r18_finetuned.pt")


if __name__ == "__main__":
    main()
