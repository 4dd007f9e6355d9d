"""Stage 2: app-store reviews, one-cycle schedule."""
import logging

import torch
from datasets import load_dataset
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer

logger = logging.getLogger("stars-apps")

CFG = {
    "paths": {"pretrained": "models/distilbert-stars", "out": "models/distilbert-stars-apps"},
    "data": {"max_length": 192, "batch_size": 32},
    "optim": {"max_lr": 5e-5, "pct_start": 0.1, "weight_decay": 0.01, "epochs": 3},
}


def make_loaders(tokenizer):
    ds = load_dataset("csv", data_files={"train": "data/appstore/train.csv", "test": "data/appstore/test.csv"})
    ds = ds.map(
        lambda b: tokenizer(b["text"], truncation=True, padding="max_length", max_length=CFG["data"]["max_length"]),
        batched=True,
    )
    ds = ds.map(lambda b: {"labels": [s - 1 for s in b["rating"]]}, batched=True)
    ds.set_format("torch", columns=["input_ids", "attention_mask", "labels"])
    return (DataLoader(ds["train"], batch_size=CFG["data"]["batch_size"], shuffle=True),
            DataLoader(ds["test"], batch_size=256))


def main():
    logging.basicConfig(level=logging.INFO)
    tokenizer = AutoTokenizer.from_pretrained(CFG["paths"]["pretrained"])
    model = AutoModelForSequenceClassification.from_pretrained(CFG["paths"]["pretrained"]).cuda()
    train_dl, test_dl = make_loaders(tokenizer)

    optimizer = torch.optim.AdamW(model.parameters(), weight_decay=CFG["optim"]["weight_decay"])
    scheduler = OneCycleLR(
        optimizer,
        max_lr=CFG["optim"]["max_lr"],
        epochs=CFG["optim"]["epochs"],
        steps_per_epoch=len(train_dl),
        pct_start=CFG["optim"]["pct_start"],
    )
    for epoch in range(CFG["optim"]["epochs"]):
        model.train()
        for batch in train_dl:
            loss = model(**{k: v.cuda() for k, v in batch.items()}).loss
            loss.backward()
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
        model.eval()
        hits = n = 0
        with torch.no_grad():
            for batch in test_dl:
                batch = {k: v.cuda() for k, v in batch.items()}
                hits += (model(**batch).logits.argmax(-1) == batch["labels"]).sum().item()
                n += batch["labels"].numel()
        logger.info("epoch %d test accuracy %.4f (lr now %.2e)", epoch, hits / n, scheduler.get_last_lr()[0])
    model.save_pretrained(CFG["paths"]["out"])
    tokenizer.save_pretrained(CFG["paths"]["out"])


if __name__ == "__main__":
    main()
