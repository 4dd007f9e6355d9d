"""Linear evaluation of the SimSiam backbone on 20 product categories."""
import torch
import torch.nn as nn
import torchvision
import torchvision.transforms as T
from torch.utils.data import DataLoader

MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]

tf = T.Compose([T.RandomResizedCrop(224), T.RandomHorizontalFlip(), T.ToTensor(), T.Normalize(MEAN, STD)])
ds = torchvision.datasets.ImageFolder("data/products_labeled/train", transform=tf)
loader = DataLoader(ds, batch_size=256, shuffle=True, num_workers=8)

backbone = torchvision.models.resnet18(weights=None)
backbone.fc = nn.Identity()
backbone.load_state_dict(torch.load("checkpoints/simsiam_r18_backbone.pt", map_location="cpu"))
for p in backbone.parameters():
    p.requires_grad = False
backbone.eval()

classifier = nn.Linear(512, 20)
opt = torch.optim.SGD(classifier.parameters(), lr=0.1, momentum=0.9, weight_decay=0.0)
criterion = nn.CrossEntropyLoss()

for epoch in range(90):
    classifier.train()
    for images, labels in loader:
        with torch.no_grad():
            feats = backbone(images)
        loss = criterion(classifier(feats), labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(epoch, loss.item())

torch.save(classifier.state_dict(), "checkpoints/simsiam_r18_linear.pt")
