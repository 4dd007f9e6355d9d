"""Citation-intent classification (background / method / result) from the arXiv SciBERT."""
import argparse
import logging

import numpy as np
from datasets import load_dataset
from sklearn.metrics import f1_score
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

logger = logging.getLogger("cite-intent")
INTENTS = ["background", "method", "result"]


def parse_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pretrained", default="models/scibert-arxiv")
    ap.add_argument("--max-seq-length", dest="max_seq_len", type=int, default=128)
    ap.add_argument("--learning-rate", dest="lr", type=float, default=2e-5)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--output-dir", dest="output_dir", default="models/scibert-cite-intent")
    return ap.parse_args()


def main():
    args = parse_args()
    logging.basicConfig(level=logging.INFO)
    tokenizer = AutoTokenizer.from_pretrained(args.pretrained)
    ds = load_dataset("json", data_files={"train": "data/scicite/train.jsonl", "test": "data/scicite/test.jsonl"})

    def encode(batch):
        enc = tokenizer(batch["string"], truncation=True, padding="max_length", max_length=args.max_seq_len)
        enc["labels"] = [INTENTS.index(lab) for lab in batch["label"]]
        return enc

    ds = ds.map(encode, batched=True, remove_columns=ds["train"].column_names)
    model = AutoModelForSequenceClassification.from_pretrained(
        args.pretrained, num_labels=len(INTENTS), ignore_mismatched_sizes=True
    )

    def metrics(p):
        return {"macro_f1": f1_score(p.label_ids, np.argmax(p.predictions, -1), average="macro")}

    trainer = Trainer(
        model=model,
        args=TrainingArguments(args.output_dir, learning_rate=args.lr, num_train_epochs=args.epochs,
                               per_device_train_batch_size=32, evaluation_strategy="epoch", fp16=True),
        train_dataset=ds["train"],
        eval_dataset=ds["test"],
        compute_metrics=metrics,
    )
    trainer.train()
    logger.info("test: %s", trainer.evaluate())
    trainer.save_model(args.output_dir)
    tokenizer.save_pretrained(args.output_dir)


if __name__ == "__main__":
    main()
