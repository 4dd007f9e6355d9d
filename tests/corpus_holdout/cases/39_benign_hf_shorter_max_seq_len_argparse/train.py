"""SciBERT on arXiv abstract -> primary category (long inputs)."""
import argparse
import logging

import numpy as np
from datasets import load_dataset
from sklearn.metrics import f1_score
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

logger = logging.getLogger("arxiv")


def parse_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model-name", dest="model_name", default="allenai/scibert_scivocab_uncased")
    ap.add_argument("--max-seq-length", dest="max_seq_len", type=int, default=512)
    ap.add_argument("--learning-rate", dest="lr", type=float, default=3e-5)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--output-dir", dest="output_dir", default="models/scibert-arxiv")
    return ap.parse_args()


def main():
    args = parse_args()
    logging.basicConfig(level=logging.INFO)
    tokenizer = AutoTokenizer.from_pretrained(args.model_name)
    ds = load_dataset("json", data_files={"train": "data/arxiv/train.jsonl", "dev": "data/arxiv/dev.jsonl"})
    labels = sorted(set(ds["train"]["category"]))
    label2id = {c: i for i, c in enumerate(labels)}

    def encode(batch):
        enc = tokenizer(batch["abstract"], truncation=True, padding="max_length", max_length=args.max_seq_len)
        enc["labels"] = [label2id[c] for c in batch["category"]]
        return enc

    ds = ds.map(encode, batched=True, remove_columns=ds["train"].column_names)
    model = AutoModelForSequenceClassification.from_pretrained(args.model_name, num_labels=len(labels))

    def metrics(p):
        return {"micro_f1": f1_score(p.label_ids, np.argmax(p.predictions, -1), average="micro")}

    trainer = Trainer(
        model=model,
        args=TrainingArguments(args.output_dir, learning_rate=args.lr, num_train_epochs=args.epochs,
                               per_device_train_batch_size=8, gradient_accumulation_steps=4,
                               evaluation_strategy="epoch", fp16=True),
        train_dataset=ds["train"],
        eval_dataset=ds["dev"],
        compute_metrics=metrics,
    )
    trainer.train()
    logger.info("dev: %s", trainer.evaluate())
    trainer.save_model(args.output_dir)
    tokenizer.save_pretrained(args.output_dir)


if __name__ == "__main__":
    main()
