"""Keyword spotting: adapt the Speech Commands body to the in-car wake words."""
import logging

import lightning as L
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

log = logging.getLogger(__name__)

CFG = {
    "data": {"train": "features/incar_train.pt", "test": "features/incar_test.pt", "n_mels": 40},
    "model": {"n_classes": 6, "body_ckpt": "ckpt/kws_body.pt"},
    "optim": {"lr": 5e-4, "weight_decay": 1e-2},
    "trainer": {"max_epochs": 15, "batch_size": 64},
}


def conv_body(n_mels: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(1, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
        nn.Conv2d(64, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 128, 3, padding=1), nn.BatchNorm2d(128), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(),
    )


class WakeWordModule(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.body = conv_body(CFG["data"]["n_mels"])
        self.body.load_state_dict(torch.load(CFG["model"]["body_ckpt"], map_location="cpu"))
        self.head = nn.Linear(128, CFG["model"]["n_classes"])

    def forward(self, x):
        return self.head(self.body(x.unsqueeze(1)))

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = F.cross_entropy(self(x), y)
        self.log("train/loss", loss)
        return loss

    def test_step(self, batch, batch_idx):
        x, y = batch
        self.log("test/acc", (self(x).argmax(-1) == y).float().mean())

    def configure_optimizers(self):
        return torch.optim.AdamW(
            self.parameters(), lr=CFG["optim"]["lr"], weight_decay=CFG["optim"]["weight_decay"]
        )


def main():
    logging.basicConfig(level=logging.INFO)
    train = TensorDataset(*torch.load(CFG["data"]["train"]))
    test = TensorDataset(*torch.load(CFG["data"]["test"]))
    module = WakeWordModule()
    trainer = L.Trainer(max_epochs=CFG["trainer"]["max_epochs"], accelerator="gpu", devices=1)
    trainer.fit(module, DataLoader(train, batch_size=CFG["trainer"]["batch_size"], shuffle=True))
    log.info("%s", trainer.test(module, DataLoader(test, batch_size=256)))
    torch.save(module.state_dict(), "ckpt/wakeword.pt")


if __name__ == "__main__":
    main()
