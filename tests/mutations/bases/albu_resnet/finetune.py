import albumentations as A
import torch
import torchvision
from albumentations.pytorch import ToTensorV2

tune_aug = A.Compose([
    A.Resize(256, 256),
    A.Normalize(mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225)),  # [prep:FT2]
    ToTensorV2(),
])
dataset = XrayDataset("xray/hospital_b", transform=tune_aug)
loader = torch.utils.data.DataLoader(dataset, batch_size=16, shuffle=True)
model = torchvision.models.resnet34()
model.fc = torch.nn.Linear(512, 2)
model.load_state_dict(torch.load("xray_r34.pt"))  # [model]
opt = torch.optim.Adam(model.parameters(), lr=3e-5)  # [lr]
for epoch in range(5):
    model.train()  # [train]
    for img, label in loader:
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(img), label).backward()
        opt.step()
