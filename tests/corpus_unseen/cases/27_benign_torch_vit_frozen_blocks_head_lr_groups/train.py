"""Domain pretraining: fine-tune torchvision ViT-B/16 on 500 bird species."""
import torch
import torch.nn as nn
import torchvision.transforms as T
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.models import vit_b_16

MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]
EPOCHS = 15

tf = T.Compose([T.RandomResizedCrop(224), T.RandomHorizontalFlip(), T.ToTensor(), T.Normalize(MEAN, STD)])
ds = ImageFolder("data/birds500/train", transform=tf)
loader = DataLoader(ds, batch_size=64, shuffle=True, num_workers=8)

model = vit_b_16(weights="IMAGENET1K_V1")
model.heads.head = nn.Linear(768, 500)
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.05)
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=EPOCHS * len(loader))
criterion = nn.CrossEntropyLoss(label_smoothing=0.1)

for epoch in range(EPOCHS):
    model.train()
    for images, targets in loader:
        loss = criterion(model(images), targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        scheduler.step()
    print(f"epoch {epoch}: {loss.item():.3f}")

torch.save(model.state_dict(), "checkpoints/vit_b16_birds500.pt")
