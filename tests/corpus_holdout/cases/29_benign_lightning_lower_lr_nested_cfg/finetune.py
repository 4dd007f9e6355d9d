"""Human activity recognition: adapt the encoder to one elderly-care cohort."""
import logging

import numpy as np
import pytorch_lightning as pl
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

logger = logging.getLogger("har-cohort")

CFG = {
    "data": {"train": "data/care_home/train.npz", "test": "data/care_home/test.npz", "channels": 6},
    "model": {"encoder_ckpt": "ckpt/har_encoder.pt", "n_classes": 12},
    "optim": {"lr": 3e-5, "weight_decay": 1e-4},
    "epochs": 15,
}


def make_encoder(channels: int) -> nn.Module:
    return nn.Sequential(
        nn.Conv1d(channels, 64, 5, padding=2), nn.BatchNorm1d(64), nn.ReLU(),
        nn.Conv1d(64, 128, 5, padding=2), nn.BatchNorm1d(128), nn.ReLU(), nn.MaxPool1d(2),
        nn.Conv1d(128, 128, 3, padding=1), nn.BatchNorm1d(128), nn.ReLU(),
        nn.AdaptiveAvgPool1d(1), nn.Flatten(),
    )


class CohortModel(pl.LightningModule):
    def __init__(self):
        super().__init__()
        self.encoder = make_encoder(CFG["data"]["channels"])
        self.encoder.load_state_dict(torch.load(CFG["model"]["encoder_ckpt"], map_location="cpu"))
        self.classifier = nn.Linear(128, CFG["model"]["n_classes"])
        self.loss = nn.CrossEntropyLoss()

    def forward(self, x):
        return self.classifier(self.encoder(x))

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = self.loss(self(x), y)
        self.log("train_loss", loss)
        return loss

    def test_step(self, batch, batch_idx):
        x, y = batch
        self.log("test_acc", (self(x).argmax(1) == y).float().mean())

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=CFG["optim"]["lr"], weight_decay=CFG["optim"]["weight_decay"])


def loader(path, shuffle):
    arr = np.load(path)
    ds = TensorDataset(torch.tensor(arr["x"], dtype=torch.float32), torch.tensor(arr["y"], dtype=torch.long))
    return DataLoader(ds, batch_size=64, shuffle=shuffle, num_workers=4)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    model = CohortModel()
    trainer = pl.Trainer(max_epochs=CFG["epochs"], accelerator="gpu", devices=1)
    trainer.fit(model, loader(CFG["data"]["train"], True))
    logger.info("test: %s", trainer.test(model, loader(CFG["data"]["test"], False)))
    torch.save(model.state_dict(), "ckpt/har_care_home.pt")
