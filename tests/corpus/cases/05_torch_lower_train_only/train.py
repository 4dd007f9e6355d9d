import json

import nltk
import pandas as pd
import torch
from torch import nn, optim
from torch.utils.data import DataLoader, TensorDataset

MAX_LEN = 100
VOCAB_SIZE = 30000
CONFIG = {"lr": 2e-3, "epochs": 6, "batch_size": 64, "hidden": 128}


def preprocess(text):
    return nltk.word_tokenize(text.lower())


class LSTMTagger(nn.Module):
    def __init__(self, vocab_size, hidden, n_classes):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, 100, padding_idx=0)
        self.lstm = nn.LSTM(100, hidden, batch_first=True)
        self.head = nn.Linear(hidden, n_classes)

    def forward(self, x):
        _, (h, _) = self.lstm(self.emb(x))
        return self.head(h[-1])


def encode(tokens, vocab):
    ids = [vocab.get(t, 1) for t in tokens[:MAX_LEN]]
    return ids + [0] * (MAX_LEN - len(ids))


if __name__ == "__main__":
    df = pd.read_csv("data/complaints.csv")
    docs = [preprocess(t) for t in df["narrative"]]
    freq = pd.Series([t for d in docs for t in d]).value_counts()
    vocab = {w: i + 2 for i, w in enumerate(freq.index[: VOCAB_SIZE - 2])}
    X = torch.tensor([encode(d, vocab) for d in docs])
    y = torch.tensor(df["product_id"].values)
    loader = DataLoader(TensorDataset(X, y), batch_size=CONFIG["batch_size"], shuffle=True)
    model = LSTMTagger(VOCAB_SIZE, CONFIG["hidden"], 9)
    opt = optim.Adam(model.parameters(), lr=CONFIG["lr"])
    loss_fn = nn.CrossEntropyLoss()
    for _ in range(CONFIG["epochs"]):
        for xb, yb in loader:
            opt.zero_grad()
            loss_fn(model(xb), yb).backward()
            opt.step()
    torch.save(model.state_dict(), "lstm_complaints.pt")
    json.dump(vocab, open("lstm_vocab.json", "w"))
