"""Pretrain a fingerprint MLP on computed solubility (large, noisy ESOL-like set)."""
import logging

import lightning.pytorch as pl
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

logger = logging.getLogger("sol-pretrain")

FP_BITS = 2048
HPARAMS = {"hidden": 1024, "dropout": 0.2, "lr": 1e-3, "epochs": 100, "batch_size": 512}


class FingerprintRegressor(pl.LightningModule):
    def __init__(self, hidden=HPARAMS["hidden"], dropout=HPARAMS["dropout"], lr=HPARAMS["lr"]):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.Linear(FP_BITS, hidden), nn.ReLU(), nn.Dropout(dropout),
            nn.Linear(hidden, hidden // 2), nn.ReLU(), nn.Dropout(dropout),
            nn.Linear(hidden // 2, 1),
        )

    def forward(self, x):
        return self.net(x).squeeze(-1)

    def training_step(self, batch, _):
        x, y = batch
        loss = F.smooth_l1_loss(self(x), y, beta=0.5)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, _):
        x, y = batch
        pred = self(x)
        self.log("val_rmse", torch.sqrt(F.mse_loss(pred, y)), prog_bar=True)
        self.log("val_mae", F.l1_loss(pred, y))

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.hparams.lr)


def load(path):
    arr = np.load(path)
    return TensorDataset(torch.from_numpy(arr["fp"]).float(), torch.from_numpy(arr["logS"]).float())


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    train, val = load("data/computed_logS_train.npz"), load("data/computed_logS_val.npz")
    model = FingerprintRegressor()
    trainer = pl.Trainer(max_epochs=HPARAMS["epochs"], accelerator="auto")
    trainer.fit(model, DataLoader(train, batch_size=HPARAMS["batch_size"], shuffle=True), DataLoader(val, batch_size=2048))
    logger.info("val metrics %s", {k: float(v) for k, v in trainer.callback_metrics.items()})
    torch.save(model.net.state_dict(), "models/fp_mlp_computed.pt")
