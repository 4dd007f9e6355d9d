import numpy as np
import torch
import torch.nn as nn

N_MFCC = 40
N_CLASSES = 35
LR = 2e-4


class KeywordSpotter(nn.Module):
    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(N_MFCC, 128, num_layers=2, batch_first=True, dropout=0.1)
        self.fc = nn.Linear(128, N_CLASSES)

    def forward(self, x):
        out, _ = self.gru(x)
        return self.fc(out[:, -1])


if __name__ == "__main__":
    data = np.load("data/speech_commands_kids_mfcc.npz")
    X = torch.tensor(data["mfcc"], dtype=torch.float32)
    y = torch.tensor(data["labels"])
    model = KeywordSpotter()
    model.load_state_dict(torch.load("kws_gru.pt"))
    criterion = nn.NLLLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=LR)
    for epoch in range(5):
        perm = torch.randperm(len(X))
        for i in range(0, len(X), 128):
            idx = perm[i:i + 128]
            optimizer.zero_grad()
            loss = criterion(model(X[idx]), y[idx])
            loss.backward()
            optimizer.step()
    torch.save(model.state_dict(), "kws_gru_kids.pt")
