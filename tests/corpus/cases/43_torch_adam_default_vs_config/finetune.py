import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

CONFIG = {"epochs": 10, "batch_size": 128, "latent": 32}


class ConvAutoencoder(nn.Module):
    def __init__(self, latent):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 16, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),
            nn.Flatten(), nn.Linear(32 * 7 * 7, latent),
        )
        self.decoder = nn.Sequential(
            nn.Linear(latent, 32 * 7 * 7), nn.ReLU(), nn.Unflatten(1, (32, 7, 7)),
            nn.ConvTranspose2d(32, 16, 3, stride=2, padding=1, output_padding=1), nn.ReLU(),
            nn.ConvTranspose2d(16, 1, 3, stride=2, padding=1, output_padding=1), nn.Sigmoid(),
        )

    def forward(self, x):
        return self.decoder(self.encoder(x))


if __name__ == "__main__":
    ds = datasets.KMNIST("data", train=True, transform=transforms.ToTensor())
    loader = DataLoader(ds, batch_size=CONFIG["batch_size"], shuffle=True)
    model = ConvAutoencoder(CONFIG["latent"])
    model.load_state_dict(torch.load("fashion_ae.pt"))
    optimizer = torch.optim.Adam(model.parameters())
    criterion = nn.MSELoss()
    for epoch in range(CONFIG["epochs"]):
        for x, _ in loader:
            optimizer.zero_grad()
            criterion(model(x), x).backward()
            optimizer.step()
    torch.save(model.state_dict(), "kmnist_ae.pt")
