"""Stage 1: DistilBERT on product-review star ratings (custom loop)."""
import logging

import torch
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

logger = logging.getLogger("stars")

CHECKPOINT = "distilbert-base-uncased"
SAVE_DIR = "models/distilbert-stars"
MAX_LENGTH = 192
EPOCHS = 2


def make_loaders(tokenizer):
    ds = load_dataset("json", data_files={"train": "data/reviews/train.jsonl", "valid": "data/reviews/valid.jsonl"})
    ds = ds.map(lambda b: tokenizer(b["text"], truncation=True, padding="max_length", max_length=MAX_LENGTH),
                batched=True)
    ds = ds.map(lambda b: {"labels": [s - 1 for s in b["stars"]]}, batched=True)
    ds.set_format("torch", columns=["input_ids", "attention_mask", "labels"])
    return DataLoader(ds["train"], batch_size=64, shuffle=True), DataLoader(ds["valid"], batch_size=256)


@torch.no_grad()
def evaluate(model, loader):
    model.eval()
    correct = total = 0
    for batch in loader:
        batch = {k: v.cuda() for k, v in batch.items()}
        correct += (model(**batch).logits.argmax(-1) == batch["labels"]).sum().item()
        total += batch["labels"].numel()
    return correct / total


def main():
    logging.basicConfig(level=logging.INFO)
    tokenizer = AutoTokenizer.from_pretrained(CHECKPOINT)
    model = AutoModelForSequenceClassification.from_pretrained(CHECKPOINT, num_labels=5).cuda()
    train_dl, valid_dl = make_loaders(tokenizer)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.01)
    scheduler = get_linear_schedule_with_warmup(optimizer, 500, EPOCHS * len(train_dl))
    for epoch in range(EPOCHS):
        model.train()
        for batch in train_dl:
            loss = model(**{k: v.cuda() for k, v in batch.items()}).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
        logger.info("epoch %d valid accuracy %.4f", epoch, evaluate(model, valid_dl))
    model.save_pretrained(SAVE_DIR)
    tokenizer.save_pretrained(SAVE_DIR)


if __name__ == "__main__":
    main()
