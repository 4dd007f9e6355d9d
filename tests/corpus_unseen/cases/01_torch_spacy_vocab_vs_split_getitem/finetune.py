"""Fine-tune the pretrained GRU on the small in-house product-feedback set."""
import json
from pathlib import Path

import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

MAX_LEN = 120
ART = Path("artifacts")


class FeedbackDataset(Dataset):
    def __init__(self, frame, vocab):
        self.texts = frame["review"].tolist()
        self.labels = frame["label"].tolist()
        self.vocab = vocab

    def __len__(self):
        return len(self.texts)

    def __getitem__(self, i):
        words = self.texts[i].lower().split()
        ids = [self.vocab.get(w, 1) for w in words][:MAX_LEN]
        ids = ids + [0] * (MAX_LEN - len(ids))
        return torch.tensor(ids), torch.tensor(self.labels[i])


class GRUClassifier(nn.Module):
    def __init__(self, vocab_size, emb=128, hidden=256, n_cls=2):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, emb, padding_idx=0)
        self.gru = nn.GRU(emb, hidden, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(2 * hidden, n_cls)

    def forward(self, x):
        out, _ = self.gru(self.emb(x))
        return self.fc(out.mean(dim=1))


with open(ART / "vocab.json") as fh:
    vocab = json.load(fh)

df = pd.read_csv("data/feedback_labelled.csv")
loader = DataLoader(FeedbackDataset(df, vocab), batch_size=32, shuffle=True)

model = GRUClassifier(len(vocab) + 2)
model.load_state_dict(torch.load(ART / "gru.pt", map_location="cpu"))
opt = torch.optim.Adam(model.parameters(), lr=1e-4)
criterion = nn.CrossEntropyLoss()

for epoch in range(3):
    model.train()
    for x, y in loader:
        opt.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        opt.step()
    print(f"ft epoch {epoch} loss {loss.item():.4f}")

torch.save(model.state_dict(), ART / "gru_feedback.pt")
