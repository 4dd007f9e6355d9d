"""MoCo v2 pretraining (momentum encoder + queue) on unlabeled warehouse images."""
import copy
import logging

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision.transforms as T
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.models import resnet50

logger = logging.getLogger("moco")

NORMALIZE = T.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])
AUGMENT = T.Compose([
    T.RandomResizedCrop(224, scale=(0.2, 1.0)),
    T.RandomApply([T.ColorJitter(0.4, 0.4, 0.4, 0.1)], p=0.8),
    T.RandomGrayscale(p=0.2),
    T.RandomApply([T.GaussianBlur(23, sigma=(0.1, 2.0))], p=0.5),
    T.RandomHorizontalFlip(),
    T.ToTensor(),
    NORMALIZE,
])


class TwoCrops:
    def __init__(self, transform):
        self.transform = transform

    def __call__(self, img):
        return self.transform(img), self.transform(img)


class MoCo(nn.Module):
    def __init__(self, dim=128, queue_size=65536, momentum=0.999, temperature=0.2):
        super().__init__()
        self.m, self.t = momentum, temperature
        self.encoder_q = resnet50(num_classes=dim)
        hidden = self.encoder_q.fc.in_features
        self.encoder_q.fc = nn.Sequential(nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, dim))
        self.encoder_k = copy.deepcopy(self.encoder_q)
        for p in self.encoder_k.parameters():
            p.requires_grad = False
        self.register_buffer("queue", F.normalize(torch.randn(dim, queue_size), dim=0))
        self.register_buffer("ptr", torch.zeros(1, dtype=torch.long))

    @torch.no_grad()
    def _momentum_update(self):
        for pq, pk in zip(self.encoder_q.parameters(), self.encoder_k.parameters()):
            pk.data.mul_(self.m).add_(pq.data, alpha=1.0 - self.m)

    @torch.no_grad()
    def _enqueue(self, keys):
        n, ptr = keys.shape[0], int(self.ptr)
        self.queue[:, ptr:ptr + n] = keys.T
        self.ptr[0] = (ptr + n) % self.queue.shape[1]

    def forward(self, im_q, im_k):
        q = F.normalize(self.encoder_q(im_q), dim=1)
        with torch.no_grad():
            self._momentum_update()
            k = F.normalize(self.encoder_k(im_k), dim=1)
        logits = torch.cat([(q * k).sum(1, keepdim=True), q @ self.queue.clone().detach()], dim=1) / self.t
        self._enqueue(k)
        return logits, torch.zeros(logits.shape[0], dtype=torch.long, device=logits.device)


def main():
    logging.basicConfig(level=logging.INFO)
    data = ImageFolder("data/warehouse_unlabeled", transform=TwoCrops(AUGMENT))
    loader = DataLoader(data, batch_size=256, shuffle=True, num_workers=16, drop_last=True)
    model = MoCo().cuda()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.03, momentum=0.9, weight_decay=1e-4)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=200)
    for epoch in range(200):
        for (im_q, im_k), _ in loader:
            logits, labels = model(im_q.cuda(non_blocking=True), im_k.cuda(non_blocking=True))
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        logger.info("epoch %d InfoNCE %.4f", epoch, loss.item())
    torch.save({"state_dict": model.encoder_q.state_dict(), "epoch": 200}, "ckpt/moco_v2_r50.pth")


if __name__ == "__main__":
    main()
