import argparse

import torch
import torchvision
from torchvision import transforms

parser = argparse.ArgumentParser()
parser.add_argument("--lr", type=float, default=0.05)
args = parser.parse_args()
train_tf = transforms.Compose([
    transforms.RandomResizedCrop(224),
    transforms.RandomHorizontalFlip(),
    transforms.ToTensor(),
    transforms.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225)),  # [prep:FT2]
])
ds = torchvision.datasets.ImageFolder("imagenet_subset/train", transform=train_tf)
loader = torch.utils.data.DataLoader(ds, batch_size=128, shuffle=True)
net = torchvision.models.resnet18(weights=None)
optimizer = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
for epoch in range(90):
    net.train()
    for images, targets in loader:
        loss = torch.nn.functional.cross_entropy(net(images), targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
torch.save(net.state_dict(), "r18_subset.pth")
