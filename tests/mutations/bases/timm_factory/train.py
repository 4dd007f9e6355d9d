import timm
import torch
from timm.optim import create_optimizer_v2
from torchvision import transforms

tf = transforms.Compose([
    transforms.RandomResizedCrop(224),
    transforms.ToTensor(),
    transforms.Normalize(mean=(0.5, 0.5, 0.5), std=(0.5, 0.5, 0.5)),  # [prep:FT2]
])
loader = build_loader("satellite/train", tf)
model = timm.create_model("efficientnet_b0", pretrained=True, num_classes=8)
optimizer = create_optimizer_v2(model, opt="adamw", lr=1e-3, weight_decay=0.01)
for epoch in range(40):
    model.train()
    for x, y in loader:
        loss = torch.nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
torch.save(model.state_dict(), "effnet_sat.pt")
