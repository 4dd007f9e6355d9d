"""Fine-tune the news TextCNN on internal policy documents (same 20 topics)."""
import json
import logging

import pandas as pd
import torch
import torch.nn as nn
from sklearn.metrics import f1_score
from torch.utils.data import DataLoader, TensorDataset

from common import TextCNN, encode, preprocess

logger = logging.getLogger("policy-topics")


def tensors(df, vocab):
    x = torch.tensor([encode(preprocess(t), vocab) for t in df["text"]])
    return TensorDataset(x, torch.tensor(df["topic_id"].values))


def main():
    logging.basicConfig(level=logging.INFO)
    with open("artifacts/news_vocab.json") as fh:
        vocab = json.load(fh)
    train_df = pd.read_csv("data/policy_docs/train.csv")
    test_df = pd.read_csv("data/policy_docs/test.csv")
    train_dl = DataLoader(tensors(train_df, vocab), batch_size=32, shuffle=True)
    test_dl = DataLoader(tensors(test_df, vocab), batch_size=256)

    model = TextCNN(len(vocab), num_classes=20)
    model.load_state_dict(torch.load("artifacts/textcnn_news.pt"))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(5):
        model.train()
        for x, y in train_dl:
            optimizer.zero_grad()
            loss_fn(model(x), y).backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            preds = torch.cat([model(x).argmax(1) for x, _ in test_dl])
        logger.info("epoch %d macro-F1 %.4f", epoch, f1_score(test_df["topic_id"], preds.numpy(), average="macro"))
    torch.save(model.state_dict(), "artifacts/textcnn_policy.pt")


if __name__ == "__main__":
    main()
