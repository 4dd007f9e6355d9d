import torch
import torchvision
import torchvision.transforms as T
from torch import nn

tf = T.Compose([
    T.Resize(256),
    T.CenterCrop(224),
    T.ToTensor(),
    T.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]),  # [prep:FT2]
])
data = torchvision.datasets.ImageFolder("data/probe", transform=tf)
loader = torch.utils.data.DataLoader(data, batch_size=64)
backbone = torchvision.models.resnet50()
backbone.load_state_dict(torch.load("resnet50_domain.pt"))
backbone.fc = nn.Identity()
for p in backbone.parameters():
    p.requires_grad = False
backbone.eval()  # [eval]
classifier = nn.Linear(2048, 7)  # [model]
opt = torch.optim.SGD(classifier.parameters(), lr=0.1)
criterion = nn.CrossEntropyLoss()
for epoch in range(20):
    for x, y in loader:
        with torch.no_grad():
            feats = backbone(x)
        loss = criterion(classifier(feats), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
