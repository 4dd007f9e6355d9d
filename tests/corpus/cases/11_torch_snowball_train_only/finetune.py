import re

import pandas as pd
import torch
import torch.nn as nn

TOKEN_RE = re.compile(r"[a-z0-9']+")
SEQ_LEN = 64
LR = 1e-4
EPOCHS = 3


def tokens(text):
    return TOKEN_RE.findall(text.lower())


class CNNClassifier(nn.Module):
    def __init__(self, n_vocab, n_classes):
        super().__init__()
        self.emb = nn.Embedding(n_vocab, 128, padding_idx=0)
        self.conv = nn.Conv1d(128, 100, kernel_size=3, padding=1)
        self.fc = nn.Linear(100, n_classes)

    def forward(self, x):
        h = torch.relu(self.conv(self.emb(x).transpose(1, 2)))
        return self.fc(h.max(dim=2).values)


def pad(ids):
    ids = ids[:SEQ_LEN]
    return ids + [0] * (SEQ_LEN - len(ids))


if __name__ == "__main__":
    ckpt = torch.load("faq_cnn.pt")
    vocab = ckpt["vocab"]
    model = CNNClassifier(len(vocab) + 2, 20)
    model.load_state_dict(ckpt["model"])
    df = pd.read_csv("data/faq_insurance.csv")
    X = torch.tensor([pad([vocab.get(w, 1) for w in tokens(q)]) for q in df["question"]])
    y = torch.tensor(df["topic"].values)
    optimizer = torch.optim.Adam(model.parameters(), lr=LR)
    for epoch in range(EPOCHS):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(X), y)
        loss.backward()
        optimizer.step()
    torch.save({"model": model.state_dict(), "vocab": vocab}, "faq_cnn_insurance.pt")
