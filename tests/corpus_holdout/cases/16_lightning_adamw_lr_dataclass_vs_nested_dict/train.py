"""Keyword spotting: pretrain a small CNN on Speech Commands log-mel features."""
import logging
from dataclasses import dataclass

import lightning as L
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

log = logging.getLogger(__name__)


@dataclass
class KWSConfig:
    n_mels: int = 40
    n_classes: int = 35
    lr: float = 1e-4
    weight_decay: float = 1e-2
    max_epochs: int = 60
    batch_size: int = 256


def conv_body(n_mels: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(1, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
        nn.Conv2d(64, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 128, 3, padding=1), nn.BatchNorm2d(128), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(),
    )


class KWSModule(L.LightningModule):
    def __init__(self, cfg: KWSConfig):
        super().__init__()
        self.cfg = cfg
        self.body = conv_body(cfg.n_mels)
        self.head = nn.Linear(128, cfg.n_classes)

    def forward(self, x):
        return self.head(self.body(x.unsqueeze(1)))

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = F.cross_entropy(self(x), y)
        self.log("train/loss", loss, prog_bar=True)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        logits = self(x)
        self.log("val/loss", F.cross_entropy(logits, y))
        self.log("val/acc", (logits.argmax(-1) == y).float().mean(), prog_bar=True)

    def configure_optimizers(self):
        opt = torch.optim.AdamW(self.parameters(), lr=self.cfg.lr, weight_decay=self.cfg.weight_decay)
        sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=self.cfg.max_epochs)
        return [opt], [sched]


def main():
    logging.basicConfig(level=logging.INFO)
    cfg = KWSConfig()
    train = TensorDataset(*torch.load("features/speech_commands_train.pt"))
    valid = TensorDataset(*torch.load("features/speech_commands_valid.pt"))
    module = KWSModule(cfg)
    trainer = L.Trainer(max_epochs=cfg.max_epochs, accelerator="gpu", devices=1, log_every_n_steps=50)
    trainer.fit(
        module,
        DataLoader(train, batch_size=cfg.batch_size, shuffle=True, num_workers=4),
        DataLoader(valid, batch_size=cfg.batch_size, num_workers=4),
    )
    log.info("final metrics: %s", trainer.callback_metrics)
    torch.save(module.body.state_dict(), "ckpt/kws_body.pt")


if __name__ == "__main__":
    main()
