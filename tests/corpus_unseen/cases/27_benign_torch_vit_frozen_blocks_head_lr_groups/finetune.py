"""Fine-tune the birds ViT on 12 local species: last two blocks + new head only."""
import torch
import torch.nn as nn
import torchvision.transforms as T
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
from torchvision.models import vit_b_16

MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]

tf = T.Compose([T.RandomResizedCrop(224), T.RandomHorizontalFlip(), T.ToTensor(), T.Normalize(MEAN, STD)])
ds = ImageFolder("data/local_birds/train", transform=tf)
loader = DataLoader(ds, batch_size=32, shuffle=True, num_workers=8)

model = vit_b_16()
model.heads.head = nn.Linear(768, 500)
model.load_state_dict(torch.load("checkpoints/vit_b16_birds500.pt", map_location="cpu"))

for p in model.parameters():
    p.requires_grad = False
for block in model.encoder.layers[-2:]:
    for p in block.parameters():
        p.requires_grad = True
model.heads.head = nn.Linear(768, 12)

optimizer = torch.optim.AdamW(
    [
        {"params": model.encoder.layers[-2:].parameters(), "lr": 1e-5},
        {"params": model.heads.parameters(), "lr": 1e-3},
    ],
    weight_decay=0.05,
)
criterion = nn.CrossEntropyLoss(label_smoothing=0.1)

for epoch in range(10):
    model.train()
    for images, targets in loader:
        loss = criterion(model(images), targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(f"epoch {epoch}: {loss.item():.3f}")

torch.save(model.state_dict(), "checkpoints/vit_b16_local12.pt")
