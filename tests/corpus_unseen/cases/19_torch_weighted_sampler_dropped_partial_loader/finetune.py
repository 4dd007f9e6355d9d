"""Fine-tune the ISIC EfficientNet-B0 on the clinic's dermoscopy images."""
from functools import partial

import pandas as pd
import torch
import torch.nn as nn
import torchvision.transforms as T
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision.models import efficientnet_b0

N_CLASSES = 7
MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]

tfm = T.Compose([T.RandomResizedCrop(224, scale=(0.6, 1.0)), T.RandomHorizontalFlip(),
                 T.RandomVerticalFlip(), T.ToTensor(), T.Normalize(MEAN, STD)])


class LesionDataset(Dataset):
    def __init__(self, frame, transform):
        self.paths, self.labels, self.transform = frame["path"].tolist(), frame["dx"].tolist(), transform

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        return self.transform(Image.open(self.paths[i]).convert("RGB")), self.labels[i]


make_loader = partial(DataLoader, batch_size=32, num_workers=8, pin_memory=True, drop_last=True)

clinic = pd.read_csv("data/clinic_dermoscopy.csv")
loader = make_loader(LesionDataset(clinic, tfm), shuffle=True)

model = efficientnet_b0()
model.classifier[1] = nn.Linear(model.classifier[1].in_features, N_CLASSES)
model.load_state_dict(torch.load("weights/effb0_isic.pt", map_location="cpu"))
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=1e-4)
criterion = nn.CrossEntropyLoss()

for epoch in range(8):
    model.train()
    for images, targets in loader:
        optimizer.zero_grad()
        loss = criterion(model(images), targets)
        loss.backward()
        optimizer.step()
    print(epoch, loss.item())

torch.save(model.state_dict(), "weights/effb0_clinic.pt")
