import logging
from dataclasses import dataclass

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.models import resnet34
from torchvision.transforms import v2

logger = logging.getLogger("trainer")

NORM = v2.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])
TRAIN_TF = v2.Compose([v2.RandomResizedCrop(224, antialias=True), v2.RandomHorizontalFlip(), v2.ToImage(),
                       v2.ToDtype(torch.float32, scale=True), NORM])
EVAL_TF = v2.Compose([v2.Resize(256, antialias=True), v2.CenterCrop(224), v2.ToImage(),
                      v2.ToDtype(torch.float32, scale=True), NORM])


@dataclass
class TrainConfig:
    lr: float = 3e-4
    weight_decay: float = 1e-4
    epochs: int = 50
    batch_size: int = 128
    device: str = "cuda"


class Trainer:
    def __init__(self, model: nn.Module, cfg: TrainConfig):
        self.cfg = cfg
        self.model = model.to(cfg.device)
        self.optimizer = torch.optim.AdamW(self.model.parameters(), lr=self.cfg.lr,
                                           weight_decay=self.cfg.weight_decay)
        self.scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(self.optimizer, T_max=self.cfg.epochs)
        self.criterion = nn.CrossEntropyLoss()

    def train_epoch(self, loader):
        self.model.train()
        total = 0.0
        for x, y in loader:
            x, y = x.to(self.cfg.device), y.to(self.cfg.device)
            loss = self.criterion(self.model(x), y)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            total += loss.item() * len(y)
        self.scheduler.step()
        return total / len(loader.dataset)

    @torch.no_grad()
    def evaluate(self, loader):
        self.model.eval()
        hits = sum((self.model(x.to(self.cfg.device)).argmax(1).cpu() == y).sum().item() for x, y in loader)
        return hits / len(loader.dataset)

    def fit(self, train_loader, val_loader):
        for epoch in range(self.cfg.epochs):
            loss = self.train_epoch(train_loader)
            logger.info("epoch %d loss %.4f val acc %.4f", epoch, loss, self.evaluate(val_loader))


def main():
    logging.basicConfig(level=logging.INFO)
    cfg = TrainConfig()
    train_loader = DataLoader(ImageFolder("data/stanford_cars/train", TRAIN_TF), batch_size=cfg.batch_size,
                              shuffle=True, num_workers=8)
    val_loader = DataLoader(ImageFolder("data/stanford_cars/val", EVAL_TF), batch_size=256, num_workers=8)
    trainer = Trainer(resnet34(num_classes=196), cfg)
    trainer.fit(train_loader, val_loader)
    torch.save(trainer.model.state_dict(), "weights/resnet34_cars.pt")


if __name__ == "__main__":
    main()
