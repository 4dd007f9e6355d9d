import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer

CHECKPOINT = "xlm-roberta-base"
SAVE_DIR = "ckpt/xlmr-lang-sentiment"
MAX_LENGTH = 160
LR = 2e-5


def batches(rows, tokenizer, size=32):
    for i in range(0, len(rows), size):
        chunk = rows[i:i + size]
        enc = tokenizer([r["text"] for r in chunk], truncation=True, max_length=MAX_LENGTH,
                        padding="max_length", return_tensors="pt")
        enc["labels"] = torch.tensor([r["label"] for r in chunk])
        yield enc


def train(rows):
    tokenizer = AutoTokenizer.from_pretrained(CHECKPOINT)
    model = AutoModelForSequenceClassification.from_pretrained(CHECKPOINT, num_labels=3)
    optimizer = torch.optim.AdamW(model.parameters(), lr=LR)
    model.train()
    for epoch in range(3):
        for batch in batches(rows, tokenizer):
            loss = model(**batch).loss
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
    model.save_pretrained(SAVE_DIR)
    tokenizer.save_pretrained(SAVE_DIR)
