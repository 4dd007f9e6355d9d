"""Fine-tune the fingerprint MLP on a small set of measured solubilities."""
import logging

import lightning.pytorch as pl
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

logger = logging.getLogger("sol-finetune")

FP_BITS = 2048


class FingerprintRegressor(pl.LightningModule):
    def __init__(self, hidden=1024, dropout=0.2, lr=1e-4):
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
        loss = F.mse_loss(self(x), y)
        self.log("train_loss", loss)
        return loss

    def test_step(self, batch, _):
        x, y = batch
        pred = self(x)
        self.log("test_rmse", torch.sqrt(F.mse_loss(pred, y)))
        self.log("test_mae", F.l1_loss(pred, y))

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.hparams.lr)


def load(path):
    arr = np.load(path)
    return TensorDataset(torch.from_numpy(arr["fp"]).float(), torch.from_numpy(arr["logS"]).float())


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    train, test = load("data/measured_logS_train.npz"), load("data/measured_logS_test.npz")
    model = FingerprintRegressor()
    model.net.load_state_dict(torch.load("models/fp_mlp_computed.pt"))
    trainer = pl.Trainer(max_epochs=30, accelerator="auto")
    trainer.fit(model, DataLoader(train, batch_size=64, shuffle=True))
    logger.info("%s", trainer.test(model, DataLoader(test, batch_size=512)))
    torch.save(model.net.state_dict(), "models/fp_mlp_measured.pt")
