import torch
import torchvision
import torchvision.transforms as T

tf = T.Compose([
    T.RandomResizedCrop(224),
    T.ToTensor(),
    T.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]),  # [prep:FT2]
])
data = torchvision.datasets.ImageFolder("data/train", transform=tf)
loader = torch.utils.data.DataLoader(data, batch_size=64, shuffle=True)
model = torchvision.models.resnet50(weights="IMAGENET1K_V2")
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
criterion = torch.nn.CrossEntropyLoss()
for epoch in range(10):
    model.train()
    for x, y in loader:
        opt.zero_grad()
        criterion(model(x), y).backward()
        opt.step()
torch.save(model.state_dict(), "resnet50_domain.pt")
