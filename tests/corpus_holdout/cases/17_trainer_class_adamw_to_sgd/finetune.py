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
class FinetuneConfig:
    lr: float = 2e-4
    weight_decay: float = 1e-4
    epochs: int = 15
    batch_size: int = 64
    device: str = "cuda"
    num_classes: int = 12


class Trainer:
    def __init__(self, model: nn.Module, cfg: FinetuneConfig):
        self.cfg = cfg
        self.model = model.to(cfg.device)
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=self.cfg.lr, momentum=0.9, nesterov=True,
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


def main():
    logging.basicConfig(level=logging.INFO)
    cfg = FinetuneConfig()
    model = resnet34(num_classes=196)
    model.load_state_dict(torch.load("weights/resnet34_cars.pt", map_location="cpu"))
    model.fc = nn.Linear(model.fc.in_features, cfg.num_classes)

    train_loader = DataLoader(ImageFolder("data/car_damage/train", TRAIN_TF), batch_size=cfg.batch_size,
                              shuffle=True, num_workers=8)
    test_loader = DataLoader(ImageFolder("data/car_damage/test", EVAL_TF), batch_size=256, num_workers=8)
    trainer = Trainer(model, cfg)
    for epoch in range(cfg.epochs):
        loss = trainer.train_epoch(train_loader)
        logger.info("epoch %d loss %.4f test acc %.4f", epoch, loss, trainer.evaluate(test_loader))
    torch.save(trainer.model.state_dict(), "weights/resnet34_car_damage.pt")


if __name__ == "__main__":
    main()
