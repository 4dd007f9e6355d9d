import json

import nltk
import pandas as pd
import torch
from torch import nn, optim
from torch.utils.data import DataLoader, TensorDataset

MAX_LEN = 100
VOCAB_SIZE = 30000
CONFIG = {"lr": 5e-4, "epochs": 2, "batch_size": 64, "hidden": 128}


def preprocess(text):
    return nltk.word_tokenize(text)


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
    vocab = json.load(open("lstm_vocab.json"))
    df = pd.read_csv("data/complaints_2024q1.csv")
    X = torch.tensor([encode(preprocess(t), vocab) for t in df["narrative"]])
    y = torch.tensor(df["product_id"].values)
    loader = DataLoader(TensorDataset(X, y), batch_size=CONFIG["batch_size"], shuffle=True)
    model = LSTMTagger(VOCAB_SIZE, CONFIG["hidden"], 9)
    model.load_state_dict(torch.load("lstm_complaints.pt"))
    opt = optim.Adam(model.parameters(), lr=CONFIG["lr"])
    loss_fn = nn.CrossEntropyLoss()
    for _ in range(CONFIG["epochs"]):
        for xb, yb in loader:
            opt.zero_grad()
            loss_fn(model(xb), yb).backward()
            opt.step()
    torch.save(model.state_dict(), "lstm_complaints_2024q1.pt")
