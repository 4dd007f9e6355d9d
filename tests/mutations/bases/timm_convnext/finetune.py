import timm
import torch
from torchvision import transforms as T

MEAN, STD = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)
tune_tf = T.Compose([
    T.Resize(224),
    T.CenterCrop(224),
    T.ToTensor(),
    T.Normalize(MEAN, STD),  # [prep:FT2]
])
loader = make_loader("leaves/field", tune_tf)
model = timm.create_model("convnext_tiny", pretrained=False, num_classes=12)
model.load_state_dict(torch.load("convnext_leaves.pt"))  # [model]
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.05)  # [lr]
for epoch in range(5):
    model.train()  # [train]
    for x, y in loader:
        loss = torch.nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
