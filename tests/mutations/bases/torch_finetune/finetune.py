import torch
import torchvision
from torch import nn
from torchvision import transforms

tune_tf = transforms.Compose([
    transforms.RandomResizedCrop(224),
    transforms.ToTensor(),
    transforms.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225)),  # [prep:FT2]
])
ds = torchvision.datasets.ImageFolder("birds/train", transform=tune_tf)
loader = torch.utils.data.DataLoader(ds, batch_size=32, shuffle=True)
net = torchvision.models.resnet18(weights=None)
net.load_state_dict(torch.load("r18_subset.pth"))
net.fc = nn.Linear(512, 200)  # [model]
optimizer = torch.optim.SGD(net.parameters(), lr=0.005, momentum=0.9)  # [lr]
for epoch in range(15):
    net.train()  # [train]
    for images, targets in loader:
        loss = nn.functional.cross_entropy(net(images), targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
