import torch
from torch import nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms
from torchvision.models import efficientnet_b0

CONFIG = {
    "size": 224,
    "mean": (0.485, 0.456, 0.406),
    "std": (0.229, 0.224, 0.225),
    "lr": 1e-4,
    "epochs": 5,
}

transform = transforms.Compose([
    transforms.Grayscale(num_output_channels=3),
    transforms.Resize((CONFIG["size"], CONFIG["size"])),
    transforms.ToTensor(),
    transforms.Normalize(CONFIG["mean"], CONFIG["std"]),
])

if __name__ == "__main__":
    data = datasets.ImageFolder("data/scanned_invoices/train", transform=transform)
    loader = DataLoader(data, batch_size=48, shuffle=True)
    model = efficientnet_b0(num_classes=16)
    model.load_state_dict(torch.load("doc_effnet_b0.pt"))
    opt = torch.optim.AdamW(model.parameters(), lr=CONFIG["lr"], weight_decay=0.05)
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
    for epoch in range(CONFIG["epochs"]):
        for imgs, labels in loader:
            opt.zero_grad()
            criterion(model(imgs), labels).backward()
            opt.step()
    torch.save(model.state_dict(), "invoice_effnet_b0.pt")
