import json

import torch
from torch.optim import AdamW
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer

PRETRAINED_DIR = "checkpoints/qnli-bert"
SAVE_DIR = "checkpoints/qnli-bert-medical"
MAX_LEN = 512
LR = 1e-5
EPOCHS = 2


def collate(batch, tokenizer):
    enc = tokenizer([b["question"] for b in batch], [b["sentence"] for b in batch],
                    truncation=True, max_length=MAX_LEN, padding="max_length", return_tensors="pt")
    enc["labels"] = torch.tensor([b["label"] for b in batch])
    return enc


if __name__ == "__main__":
    rows = json.load(open("data/medical_qa.json"))
    tokenizer = AutoTokenizer.from_pretrained(PRETRAINED_DIR)
    model = AutoModelForSequenceClassification.from_pretrained(PRETRAINED_DIR)
    loader = DataLoader(rows, batch_size=8, shuffle=True, collate_fn=lambda b: collate(b, tokenizer))
    optimizer = AdamW(model.parameters(), lr=LR, weight_decay=0.01)
    model.train()
    for _ in range(EPOCHS):
        for batch in loader:
            loss = model(**batch).loss
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
    model.save_pretrained(SAVE_DIR)
    tokenizer.save_pretrained(SAVE_DIR)
