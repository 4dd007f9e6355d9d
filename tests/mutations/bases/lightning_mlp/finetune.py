import lightning as L
import torch
from torch import nn


class Classifier(L.LightningModule):
    def __init__(self, lr=1e-3):
        super().__init__()
        self.lr = lr
        self.net = nn.Sequential(nn.Linear(32, 128), nn.ReLU(), nn.Dropout(0.1),
                                 nn.Linear(128, 4))

    def training_step(self, batch, batch_idx):
        x, y = batch
        return nn.functional.cross_entropy(self.net(x), y)

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.lr)


model = Classifier.load_from_checkpoint("sensor_clf.ckpt", lr=1e-4)  # [lr]
trainer = L.Trainer(max_epochs=3)  # [model]
trainer.fit(model, new_loader)
