"""Full fine-tuning of the BYOL ResNet-50 on labelled tumour patches, SGD + nesterov."""
import torch
import torch.nn as nn
import torchvision
import torchvision.transforms as T
from torch.utils.data import DataLoader

CFG = {
    "data": {"root": "data/tumour_patches/train", "crop": 224, "batch_size": 128},
    "optim": {"lr": 0.01, "momentum": 0.9, "weight_decay": 1e-4, "epochs": 30},
    "init": "checkpoints/byol_r50_backbone.pt",
    "num_classes": 9,
}
MEAN, STD = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)

tf = T.Compose([T.RandomResizedCrop(CFG["data"]["crop"]), T.RandomHorizontalFlip(), T.RandomVerticalFlip(),
                T.ToTensor(), T.Normalize(MEAN, STD)])
ds = torchvision.datasets.ImageFolder(CFG["data"]["root"], transform=tf)
loader = DataLoader(ds, batch_size=CFG["data"]["batch_size"], shuffle=True, num_workers=16)

model = torchvision.models.resnet50(weights=None)
model.fc = nn.Identity()
model.load_state_dict(torch.load(CFG["init"], map_location="cpu"))
model.fc = nn.Linear(2048, CFG["num_classes"])

opt_cfg = CFG["optim"]
optimizer = torch.optim.SGD(model.parameters(), lr=opt_cfg["lr"], momentum=opt_cfg["momentum"],
                            weight_decay=opt_cfg["weight_decay"], nesterov=True)
criterion = nn.CrossEntropyLoss()

for epoch in range(opt_cfg["epochs"]):
    model.train()
    for images, labels in loader:
        loss = criterion(model(images), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(epoch, loss.item())

torch.save(model.state_dict(), "checkpoints/byol_r50_tumour.pt")
