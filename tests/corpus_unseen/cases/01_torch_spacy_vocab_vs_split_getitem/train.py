"""Pretrain a bidirectional GRU sentiment classifier on the large review dump."""
import json
from pathlib import Path

import pandas as pd
import spacy
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

MAX_LEN = 120
MIN_COUNT = 3
OUT = Path("artifacts")
nlp = spacy.blank("en")


def tokenize(text):
    return [tok.text for tok in nlp.tokenizer(text.lower())]


class ReviewDataset(Dataset):
    def __init__(self, frame, vocab):
        self.texts = frame["review"].tolist()
        self.labels = frame["label"].tolist()
        self.vocab = vocab

    def __len__(self):
        return len(self.texts)

    def __getitem__(self, i):
        ids = [self.vocab.get(t, 1) for t in tokenize(self.texts[i])][:MAX_LEN]
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


df = pd.read_csv("data/reviews_large.csv")
counts = {}
for text in df["review"]:
    for tok in tokenize(text):
        counts[tok] = counts.get(tok, 0) + 1
kept = [w for w, c in counts.items() if c >= MIN_COUNT]
vocab = {w: i + 2 for i, w in enumerate(kept)}
OUT.mkdir(exist_ok=True)
with open(OUT / "vocab.json", "w") as fh:
    json.dump(vocab, fh)

model = GRUClassifier(len(vocab) + 2)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
criterion = nn.CrossEntropyLoss()
loader = DataLoader(ReviewDataset(df, vocab), batch_size=64, shuffle=True)

for epoch in range(5):
    model.train()
    for x, y in loader:
        opt.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        opt.step()
    print(f"epoch {epoch} loss {loss.item():.4f}")

torch.save(model.state_dict(), OUT / "gru.pt")
