"""Fine-tune the review classifier on electronics reviews."""
import json

import pandas as pd
import torch
import torch.nn as nn
import torch.optim as optim

DATA = "data/reviews_electronics.csv"
VOCAB_PATH = "artifacts/vocab.json"
CKPT_PATH = "artifacts/review_clf.pt"
MAX_LEN = 80
EPOCHS = 3
LR = 1e-4


def tokenize(text):
    return text.lower().split()


def encode(text, vocab):
    ids = [vocab.get(tok, 1) for tok in tokenize(text)][:MAX_LEN]
    return ids + [0] * (MAX_LEN - len(ids))


class ReviewClassifier(nn.Module):
    def __init__(self, vocab_size, dim=128, num_classes=2):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.dropout = nn.Dropout(0.2)
        self.out = nn.Linear(dim, num_classes)

    def forward(self, x):
        h = self.embedding(x).mean(dim=1)
        return self.out(self.dropout(h))


if __name__ == "__main__":
    with open(VOCAB_PATH) as f:
        vocab = json.load(f)
    df = pd.read_csv(DATA)
    X = torch.tensor([encode(t, vocab) for t in df["text"]])
    y = torch.tensor(df["label"].values)
    model = ReviewClassifier(len(vocab))
    model.load_state_dict(torch.load(CKPT_PATH))
    optimizer = optim.Adam(model.parameters(), lr=LR)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(EPOCHS):
        for i in range(0, len(X), 32):
            optimizer.zero_grad()
            loss = criterion(model(X[i:i + 32]), y[i:i + 32])
            loss.backward()
            optimizer.step()
    torch.save(model.state_dict(), "artifacts/review_clf_electronics.pt")
