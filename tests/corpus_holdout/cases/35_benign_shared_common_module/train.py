"""Pretrain a TextCNN on the public news-topic corpus."""
import json
import logging
from collections import Counter

import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

from common import TextCNN, encode, preprocess

logger = logging.getLogger("news-topics")


def tensors(df, vocab):
    x = torch.tensor([encode(preprocess(t), vocab) for t in df["text"]])
    return TensorDataset(x, torch.tensor(df["topic_id"].values))


def main():
    logging.basicConfig(level=logging.INFO)
    train_df = pd.read_csv("data/news/train.csv")
    dev_df = pd.read_csv("data/news/dev.csv")
    counts = Counter(tok for text in train_df["text"] for tok in preprocess(text))
    vocab = {"<pad>": 0, "<unk>": 1}
    vocab.update({tok: i + 2 for i, (tok, _) in enumerate(counts.most_common(50_000))})
    with open("artifacts/news_vocab.json", "w") as fh:
        json.dump(vocab, fh)

    train_dl = DataLoader(tensors(train_df, vocab), batch_size=128, shuffle=True)
    dev_dl = DataLoader(tensors(dev_df, vocab), batch_size=512)
    model = TextCNN(len(vocab), num_classes=20)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(8):
        model.train()
        for x, y in train_dl:
            optimizer.zero_grad()
            loss_fn(model(x), y).backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            acc = sum((model(x).argmax(1) == y).sum().item() for x, y in dev_dl) / len(dev_df)
        logger.info("epoch %d dev accuracy %.4f", epoch, acc)
    torch.save(model.state_dict(), "artifacts/textcnn_news.pt")


if __name__ == "__main__":
    main()
