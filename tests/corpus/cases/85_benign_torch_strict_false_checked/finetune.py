import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms
from torchvision.models import resnet18

NORM = transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
TFM = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(), NORM])

if __name__ == "__main__":
    data = datasets.ImageFolder("data/dog_breeds_shelter/train", transform=TFM)
    loader = DataLoader(data, batch_size=64, shuffle=True)
    model = resnet18(num_classes=25)
    state = torch.load("pets37_resnet18.pt", map_location="cpu")
    state = {k: v for k, v in state.items() if not k.startswith("fc.")}
    result = model.load_state_dict(state, strict=False)
    print("missing keys:", result.missing_keys)
    print("unexpected keys:", result.unexpected_keys)
    assert set(result.missing_keys) == {"fc.weight", "fc.bias"}, result.missing_keys
    assert not result.unexpected_keys
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(8):
        for x, y in loader:
            optimizer.zero_grad()
            criterion(model(x), y).backward()
            optimizer.step()
    torch.save(model.state_dict(), "shelter_breeds_resnet18.pt")
