import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

SAVE_DIR = "ckpt/xlmr-lang-sentiment"
OUT_DIR = "ckpt/xlmr-lang-sentiment-swahili"
MAX_LENGTH = 160
LR = 1e-5


def batches(rows, tokenizer, size=16):
    for i in range(0, len(rows), size):
        chunk = rows[i:i + size]
        enc = tokenizer([r["text"] for r in chunk], truncation=True, max_length=MAX_LENGTH,
                        padding="max_length", return_tensors="pt")
        enc["labels"] = torch.tensor([r["label"] for r in chunk])
        yield enc


def finetune(rows):
    tokenizer = AutoTokenizer.from_pretrained(SAVE_DIR)
    model = AutoModelForSequenceClassification.from_pretrained(SAVE_DIR)
    optimizer = torch.optim.AdamW(model.parameters(), lr=LR)
    model.train()
    for epoch in range(2):
        for batch in batches(rows, tokenizer):
            loss = model(**batch).loss
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
    model.save_pretrained(OUT_DIR)
    tokenizer.save_pretrained(OUT_DIR)
