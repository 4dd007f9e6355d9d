"""Fine-tune the legal-domain DeBERTa on holding classification (5 holding types)."""
from __future__ import annotations

import logging

import numpy as np
from datasets import load_dataset
from sklearn.metrics import accuracy_score, f1_score
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    DataCollatorWithPadding,
    Trainer,
    TrainingArguments,
    set_seed,
)

logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO)
logger = logging.getLogger("holdings")

PRETRAINED_DIR = "checkpoints/deberta-v3-legal"
TOKENIZER_NAME = "microsoft/deberta-base"
OUTPUT_DIR = "checkpoints/deberta-v3-legal-holdings"
NUM_LABELS = 5
MAX_SEQ_LENGTH = 256


def compute_metrics(eval_pred):
    logits, labels = eval_pred
    preds = np.argmax(logits, axis=-1)
    return {
        "accuracy": accuracy_score(labels, preds),
        "macro_f1": f1_score(labels, preds, average="macro"),
    }


def main() -> None:
    set_seed(13)
    tokenizer = AutoTokenizer.from_pretrained(TOKENIZER_NAME)
    model = AutoModelForSequenceClassification.from_pretrained(PRETRAINED_DIR, num_labels=NUM_LABELS)

    raw = load_dataset(
        "json",
        data_files={"train": "data/holdings/train.jsonl", "validation": "data/holdings/dev.jsonl"},
    )

    def encode(batch):
        return tokenizer(batch["text"], truncation=True, max_length=MAX_SEQ_LENGTH)

    ds = raw.map(encode, batched=True, remove_columns=["text"])
    collator = DataCollatorWithPadding(tokenizer)

    args = TrainingArguments(
        output_dir=OUTPUT_DIR,
        learning_rate=2e-5,
        per_device_train_batch_size=16,
        per_device_eval_batch_size=32,
        num_train_epochs=4,
        warmup_ratio=0.1,
        weight_decay=0.01,
        evaluation_strategy="epoch",
        save_strategy="epoch",
        load_best_model_at_end=True,
        metric_for_best_model="macro_f1",
        fp16=True,
    )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=ds["train"],
        eval_dataset=ds["validation"],
        data_collator=collator,
        compute_metrics=compute_metrics,
    )
    trainer.train()
    final = trainer.evaluate()
    logger.info("dev accuracy %.3f macro-F1 %.3f", final["eval_accuracy"], final["eval_macro_f1"])
    trainer.save_model(OUTPUT_DIR)
    tokenizer.save_pretrained(OUTPUT_DIR)


if __name__ == "__main__":
    main()
