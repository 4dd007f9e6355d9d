"""Fine-tune the PTB-XL ECG model on the hospital's wearable recordings."""
import lightning as L
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

CFG = {
    "data": {"signals": "data/wearable_signals.npy", "labels": "data/wearable_labels.npy", "batch_size": 32},
    "optim": {"lr": 2e-3, "weight_decay": 0.05},
    "trainer": {"max_epochs": 15, "precision": "16-mixed"},
    "init_ckpt": "checkpoints/ecgnet_ptbxl.ckpt",
}


class ECGNet(L.LightningModule):
    def __init__(self, n_leads=12, n_classes=5):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv1d(n_leads, 64, 7, padding=3), nn.BatchNorm1d(64), nn.ReLU(), nn.MaxPool1d(2),
            nn.Conv1d(64, 128, 5, padding=2), nn.BatchNorm1d(128), nn.ReLU(), nn.MaxPool1d(2),
            nn.Conv1d(128, 256, 3, padding=1), nn.BatchNorm1d(256), nn.ReLU(),
            nn.AdaptiveAvgPool1d(1),
        )
        self.classifier = nn.Linear(256, n_classes)

    def forward(self, x):
        return self.classifier(self.features(x).squeeze(-1))

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = F.cross_entropy(self(x), y)
        self.log("train_loss", loss)
        return loss

    def configure_optimizers(self):
        opt_cfg = CFG["optim"]
        return torch.optim.AdamW(self.parameters(), lr=opt_cfg["lr"], weight_decay=opt_cfg["weight_decay"])


signals = np.load(CFG["data"]["signals"]).astype(np.float32)
labels = np.load(CFG["data"]["labels"]).astype(np.int64)
loader = DataLoader(
    TensorDataset(torch.from_numpy(signals), torch.from_numpy(labels)),
    batch_size=CFG["data"]["batch_size"], shuffle=True,
)

model = ECGNet.load_from_checkpoint(CFG["init_ckpt"])
trainer = L.Trainer(accelerator="auto", **CFG["trainer"])
trainer.fit(model, loader)
trainer.save_checkpoint("checkpoints/ecgnet_wearable.ckpt")
