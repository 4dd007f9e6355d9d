"""Intermediate training on MNLI before the domain NLI task."""
import logging
from dataclasses import dataclass

import numpy as np
from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

logger = logging.getLogger("mnli")


@dataclass
class Config:
    checkpoint: str = "bert-base-uncased"
    output_dir: str = "models/bert-mnli"
    max_seq_length: int = 128
    learning_rate: float = 3e-5
    train_batch_size: int = 32
    epochs: int = 3


def accuracy(eval_pred):
    logits, labels = eval_pred
    return {"accuracy": float((np.argmax(logits, axis=-1) == labels).mean())}


def main():
    logging.basicConfig(level=logging.INFO)
    cfg = Config()
    tokenizer = AutoTokenizer.from_pretrained(cfg.checkpoint)
    model = AutoModelForSequenceClassification.from_pretrained(cfg.checkpoint, num_labels=3)

    mnli = load_dataset("glue", "mnli")

    def tokenize_pairs(batch):
        return tokenizer(
            batch["premise"],
            batch["hypothesis"],
            padding="max_length",
            truncation=True,
            max_length=cfg.max_seq_length,
        )

    mnli = mnli.map(tokenize_pairs, batched=True)
    args = TrainingArguments(
        output_dir=cfg.output_dir,
        learning_rate=cfg.learning_rate,
        per_device_train_batch_size=cfg.train_batch_size,
        num_train_epochs=cfg.epochs,
        warmup_ratio=0.1,
        evaluation_strategy="epoch",
        logging_steps=500,
    )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=mnli["train"],
        eval_dataset=mnli["validation_matched"],
        compute_metrics=accuracy,
    )
    trainer.train()
    logger.info("matched: %s", trainer.evaluate())
    logger.info("mismatched: %s", trainer.evaluate(mnli["validation_mismatched"]))
    trainer.save_model(cfg.output_dir)
    tokenizer.save_pretrained(cfg.output_dir)


if __name__ == "__main__":
    main()
