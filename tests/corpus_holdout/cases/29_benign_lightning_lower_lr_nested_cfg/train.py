"""Human activity recognition: pretrain a 1-D CNN encoder on a large multi-subject IMU set."""
import logging
from dataclasses import dataclass

import numpy as np
import pytorch_lightning as pl
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

logger = logging.getLogger("har")


@dataclass
class HParams:
    channels: int = 6
    n_classes: int = 12
    lr: float = 3e-4
    weight_decay: float = 1e-4
    epochs: int = 40


def make_encoder(channels: int) -> nn.Module:
    return nn.Sequential(
        nn.Conv1d(channels, 64, 5, padding=2), nn.BatchNorm1d(64), nn.ReLU(),
        nn.Conv1d(64, 128, 5, padding=2), nn.BatchNorm1d(128), nn.ReLU(), nn.MaxPool1d(2),
        nn.Conv1d(128, 128, 3, padding=1), nn.BatchNorm1d(128), nn.ReLU(),
        nn.AdaptiveAvgPool1d(1), nn.Flatten(),
    )


class HARModel(pl.LightningModule):
    def __init__(self, hp: HParams):
        super().__init__()
        self.hp = hp
        self.encoder = make_encoder(hp.channels)
        self.classifier = nn.Linear(128, hp.n_classes)
        self.loss = nn.CrossEntropyLoss()

    def forward(self, x):
        return self.classifier(self.encoder(x))

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = self.loss(self(x), y)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        logits = self(x)
        self.log_dict({"val_loss": self.loss(logits, y), "val_acc": (logits.argmax(1) == y).float().mean()})

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=self.hp.lr, weight_decay=self.hp.weight_decay)


def loader(path, shuffle):
    arr = np.load(path)
    ds = TensorDataset(torch.tensor(arr["x"], dtype=torch.float32), torch.tensor(arr["y"], dtype=torch.long))
    return DataLoader(ds, batch_size=256, shuffle=shuffle, num_workers=4)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    hp = HParams()
    model = HARModel(hp)
    trainer = pl.Trainer(max_epochs=hp.epochs, accelerator="gpu", devices=1)
    trainer.fit(model, loader("data/har_multi/train.npz", True), loader("data/har_multi/val.npz", False))
    logger.info("validation: %s", trainer.validate(model, loader("data/har_multi/val.npz", False)))
    torch.save(model.encoder.state_dict(), "ckpt/har_encoder.pt")
