import timm
import torch
from timm.optim import create_optimizer_v2
from torchvision import transforms

tf = transforms.Compose([
    transforms.Resize(256),
    transforms.CenterCrop(224),
    transforms.ToTensor(),
    transforms.Normalize(mean=(0.5, 0.5, 0.5), std=(0.5, 0.5, 0.5)),  # [prep:FT2]
])
loader = build_loader("satellite/region_b", tf)
model = timm.create_model("efficientnet_b0", pretrained=False, num_classes=8)
model.load_state_dict(torch.load("effnet_sat.pt"))  # [model]
optimizer = create_optimizer_v2(model, opt="adamw", lr=1e-4, weight_decay=0.01)  # [lr]
for epoch in range(5):
    model.train()  # [train]
    for x, y in loader:
        loss = torch.nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
