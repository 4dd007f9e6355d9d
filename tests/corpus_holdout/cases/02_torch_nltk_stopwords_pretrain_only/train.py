import json
import logging
from collections import Counter

import pandas as pd
import torch
import torch.nn as nn
from nltk.corpus import stopwords
from nltk.tokenize import word_tokenize
from torch.utils.data import DataLoader, TensorDataset

log = logging.getLogger("pretrain")
logging.basicConfig(level=logging.INFO)

MAX_TOKENS = 200
MIN_FREQ = 3
EMBED_DIM = 200
HIDDEN = 256
STOP_WORDS = set(stopwords.words("english"))


def tokenize(text: str) -> list[str]:
    return [tok for tok in word_tokenize(text.lower()) if tok not in STOP_WORDS]


def build_vocab(token_lists, min_freq=MIN_FREQ):
    counts = Counter(tok for toks in token_lists for tok in toks)
    vocab = {"<pad>": 0, "<unk>": 1}
    for tok, n in counts.most_common():
        if n >= min_freq:
            vocab[tok] = len(vocab)
    return vocab


def encode(tokens, vocab):
    ids = [vocab.get(t, 1) for t in tokens][:MAX_TOKENS]
    return ids + [0] * (MAX_TOKENS - len(ids))


class ReviewEncoder(nn.Module):
    def __init__(self, vocab_size, num_classes=2):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, EMBED_DIM, padding_idx=0)
        self.lstm = nn.LSTM(EMBED_DIM, HIDDEN, batch_first=True, bidirectional=True)
        self.dropout = nn.Dropout(0.3)
        self.classifier = nn.Linear(2 * HIDDEN, num_classes)

    def forward(self, ids):
        out, _ = self.lstm(self.embedding(ids))
        pooled = out.max(dim=1).values
        return self.classifier(self.dropout(pooled))


def make_loader(df, vocab, shuffle):
    x = torch.tensor([encode(tokenize(t), vocab) for t in df["review"]], dtype=torch.long)
    y = torch.tensor(df["label"].values, dtype=torch.long)
    return DataLoader(TensorDataset(x, y), batch_size=128, shuffle=shuffle)


@torch.no_grad()
def evaluate(model, loader):
    model.eval()
    correct = total = 0
    for x, y in loader:
        correct += (model(x).argmax(-1) == y).sum().item()
        total += len(y)
    return correct / total


def main():
    train_df = pd.read_csv("data/amazon_polarity/train.csv")
    valid_df = pd.read_csv("data/amazon_polarity/valid.csv")
    vocab = build_vocab(tokenize(t) for t in train_df["review"])
    with open("artifacts/vocab.json", "w") as fh:
        json.dump(vocab, fh)
    log.info("vocabulary size %d", len(vocab))

    train_loader = make_loader(train_df, vocab, shuffle=True)
    valid_loader = make_loader(valid_df, vocab, shuffle=False)
    model = ReviewEncoder(len(vocab))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(6):
        model.train()
        for x, y in train_loader:
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
        log.info("epoch %d valid acc %.4f", epoch, evaluate(model, valid_loader))
    torch.save(model.state_dict(), "artifacts/review_lstm.pt")


if __name__ == "__main__":
    main()
