"""Fine-tune the MNLI model on clinical NLI (MedNLI-style jsonl) with a plain PyTorch loop."""
import argparse
import logging

import torch
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

logger = logging.getLogger("mednli")


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--model-dir", dest="model_dir", default="models/bert-mnli")
    p.add_argument("--train-file", dest="train_file", default="data/mednli/train.jsonl")
    p.add_argument("--dev-file", dest="dev_file", default="data/mednli/dev.jsonl")
    p.add_argument("--max-seq-length", dest="max_len", type=int, default=384)
    p.add_argument("--learning-rate", dest="lr", type=float, default=2e-5)
    p.add_argument("--batch-size", dest="batch_size", type=int, default=16)
    p.add_argument("--epochs", type=int, default=4)
    p.add_argument("--output-dir", dest="output_dir", default="models/bert-mnli-mednli")
    return p.parse_args()


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    hits = n = 0
    for batch in loader:
        batch = {k: v.to(device) for k, v in batch.items()}
        logits = model(**{k: v for k, v in batch.items() if k != "labels"}).logits
        hits += (logits.argmax(-1) == batch["labels"]).sum().item()
        n += batch["labels"].numel()
    return hits / n


def main():
    args = parse_args()
    logging.basicConfig(level=logging.INFO)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = AutoTokenizer.from_pretrained(args.model_dir)
    model = AutoModelForSequenceClassification.from_pretrained(args.model_dir).to(device)

    raw = load_dataset("json", data_files={"train": args.train_file, "dev": args.dev_file})
    enc = raw.map(
        lambda b: tokenizer(b["sentence1"], b["sentence2"], padding="max_length", truncation=True, max_length=args.max_len),
        batched=True,
    )
    enc = enc.rename_column("gold_label_id", "labels")
    enc.set_format("torch", columns=["input_ids", "token_type_ids", "attention_mask", "labels"])
    train_loader = DataLoader(enc["train"], batch_size=args.batch_size, shuffle=True)
    dev_loader = DataLoader(enc["dev"], batch_size=64)

    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    total = len(train_loader) * args.epochs
    scheduler = get_linear_schedule_with_warmup(optimizer, int(0.1 * total), total)
    for epoch in range(args.epochs):
        model.train()
        for batch in train_loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = model(**batch).loss
            loss.backward()
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
        logger.info("epoch %d dev accuracy %.4f", epoch, evaluate(model, dev_loader, device))
    model.save_pretrained(args.output_dir)
    tokenizer.save_pretrained(args.output_dir)


if __name__ == "__main__":
    main()
