import logging

import evaluate
import numpy as np
from datasets import load_dataset
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    DataCollatorWithPadding,
    Trainer,
    TrainingArguments,
)

logger = logging.getLogger(__name__)

PRETRAINED = "runs/roberta-pubmed"
OUT_DIR = "runs/roberta-pubmed-notes"
LABELS = ["cardiology", "oncology", "neurology", "orthopedics", "other"]
MAX_LENGTH = 256

f1 = evaluate.load("f1")


def batch_iterator(dataset, batch_size=1000):
    for start in range(0, len(dataset), batch_size):
        yield dataset[start:start + batch_size]["text"]


def metrics(eval_pred):
    logits, labels = eval_pred
    return f1.compute(predictions=np.argmax(logits, -1), references=labels, average="macro")


def main():
    logging.basicConfig(level=logging.INFO)
    raw = load_dataset("csv", data_files={"train": "data/notes/train.csv", "test": "data/notes/test.csv"})

    base_tokenizer = AutoTokenizer.from_pretrained(PRETRAINED)
    # clinical abbreviations are split into many pieces; learn a vocabulary that fits the notes
    tokenizer = base_tokenizer.train_new_from_iterator(batch_iterator(raw["train"]), vocab_size=base_tokenizer.vocab_size)
    logger.info("new vocabulary: %d tokens", len(tokenizer))

    model = AutoModelForSequenceClassification.from_pretrained(PRETRAINED, num_labels=len(LABELS))
    encoded = raw.map(lambda b: tokenizer(b["text"], truncation=True, max_length=MAX_LENGTH), batched=True)

    args = TrainingArguments(
        output_dir=OUT_DIR,
        learning_rate=2e-5,
        weight_decay=0.01,
        per_device_train_batch_size=16,
        num_train_epochs=5,
        evaluation_strategy="epoch",
        save_strategy="epoch",
        load_best_model_at_end=True,
        metric_for_best_model="f1",
    )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=encoded["train"],
        eval_dataset=encoded["test"],
        data_collator=DataCollatorWithPadding(tokenizer),
        compute_metrics=metrics,
    )
    trainer.train()
    logger.info("test: %s", trainer.evaluate())
    trainer.save_model(OUT_DIR)
    tokenizer.save_pretrained(OUT_DIR)


if __name__ == "__main__":
    main()
