import lightning as L
import torch
import torchvision
from torch import nn


class Tagger(L.LightningModule):
    def __init__(self, num_classes=10, lr=2e-3):
        super().__init__()
        self.save_hyperparameters()
        self.backbone = torchvision.models.resnet18(weights="IMAGENET1K_V1")
        self.backbone.fc = nn.Linear(512, num_classes)

    def training_step(self, batch, batch_idx):
        x, y = batch
        return nn.functional.cross_entropy(self.backbone(x), y)

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=self.hparams.lr, momentum=0.9)


model = Tagger(num_classes=10, lr=2e-3)
L.Trainer(max_epochs=30).fit(model, train_loader)
