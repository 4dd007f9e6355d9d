import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms
from torchvision.models import convnext_tiny

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)

train_transform = transforms.Compose([
    transforms.Resize(256),
    transforms.CenterCrop(224),
    transforms.RandomHorizontalFlip(),
    transforms.RandomRotation(10),
    transforms.ColorJitter(brightness=0.3, contrast=0.3, saturation=0.2),
    transforms.ToTensor(),
    transforms.Normalize(IMAGENET_MEAN, IMAGENET_STD),
])


def run():
    ds = datasets.ImageFolder("data/car_models_dashcam/train", transform=train_transform)
    loader = DataLoader(ds, batch_size=32, shuffle=True, num_workers=6)
    model = convnext_tiny(num_classes=196)
    model.load_state_dict(torch.load("cars_convnext.pt"))
    optimizer = torch.optim.AdamW(model.parameters(), lr=4e-5, weight_decay=0.05)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(10):
        for imgs, labels in loader:
            optimizer.zero_grad()
            loss_fn(model(imgs), labels).backward()
            optimizer.step()
    torch.save(model.state_dict(), "cars_convnext_dashcam.pt")


if __name__ == "__main__":
    run()
