import json
import logging

import pandas as pd
import torch
import torch.nn as nn
from nltk.tokenize import word_tokenize
from sklearn.metrics import classification_report
from torch.utils.data import DataLoader, TensorDataset

log = logging.getLogger("finetune")
logging.basicConfig(level=logging.INFO)

MAX_TOKENS = 200
EMBED_DIM = 200
HIDDEN = 256


def tokenize(text: str) -> list[str]:
    return word_tokenize(text.lower())


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
    return DataLoader(TensorDataset(x, y), batch_size=32, shuffle=shuffle)


@torch.no_grad()
def predict(model, loader):
    model.eval()
    preds, gold = [], []
    for x, y in loader:
        preds.extend(model(x).argmax(-1).tolist())
        gold.extend(y.tolist())
    return gold, preds


def main():
    with open("artifacts/vocab.json") as fh:
        vocab = json.load(fh)
    train_df = pd.read_csv("data/hotel_reviews/train.csv")
    test_df = pd.read_csv("data/hotel_reviews/test.csv")
    train_loader = make_loader(train_df, vocab, shuffle=True)
    test_loader = make_loader(test_df, vocab, shuffle=False)

    model = ReviewEncoder(len(vocab))
    model.load_state_dict(torch.load("artifacts/review_lstm.pt", map_location="cpu"))
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-4)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(3):
        model.train()
        running = 0.0
        for x, y in train_loader:
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
            running += loss.item()
        log.info("epoch %d train loss %.4f", epoch, running / len(train_loader))
    gold, preds = predict(model, test_loader)
    log.info("\n%s", classification_report(gold, preds, target_names=["negative", "positive"]))
    torch.save(model.state_dict(), "artifacts/hotel_lstm.pt")


if __name__ == "__main__":
    main()
