import timm
import torch
from torchvision import transforms as T

MEAN, STD = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)
train_tf = T.Compose([
    T.RandomResizedCrop(224),
    T.ToTensor(),
    T.Normalize(MEAN, STD),  # [prep:FT2]
])
loader = make_loader("leaves/train", train_tf)
model = timm.create_model("convnext_tiny", pretrained=True, num_classes=12)
optimizer = torch.optim.AdamW(model.parameters(), lr=4e-4, weight_decay=0.05)
for epoch in range(30):
    model.train()
    for x, y in loader:
        loss = torch.nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
torch.save(model.state_dict(), "convnext_leaves.pt")
