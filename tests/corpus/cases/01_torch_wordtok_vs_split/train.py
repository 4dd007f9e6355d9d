"""Train a bag-of-embeddings sentiment classifier on the product review set."""
import json
from collections import Counter

import nltk
import pandas as pd
import torch
import torch.nn as nn
import torch.optim as optim

DATA = "data/reviews_train.csv"
VOCAB_PATH = "artifacts/vocab.json"
CKPT_PATH = "artifacts/review_clf.pt"
MAX_LEN = 80
EPOCHS = 8
LR = 1e-3


def tokenize(text):
    return nltk.word_tokenize(text.lower())


def build_vocab(texts, min_count=2):
    counts = Counter(tok for text in texts for tok in tokenize(text))
    vocab = {"<pad>": 0, "<unk>": 1}
    for word, n in counts.most_common():
        if n >= min_count:
            vocab[word] = len(vocab)
    return vocab


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
    df = pd.read_csv(DATA)
    vocab = build_vocab(df["text"])
    X = torch.tensor([encode(t, vocab) for t in df["text"]])
    y = torch.tensor(df["label"].values)
    model = ReviewClassifier(len(vocab))
    optimizer = optim.Adam(model.parameters(), lr=LR)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(EPOCHS):
        for i in range(0, len(X), 64):
            optimizer.zero_grad()
            loss = criterion(model(X[i:i + 64]), y[i:i + 64])
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} loss {loss.item():.4f}")
    with open(VOCAB_PATH, "w") as f:
        json.dump(vocab, f)
    torch.save(model.state_dict(), CKPT_PATH)
