import logging
import os

import numpy as np
import pandas as pd
from datasets import Dataset
from sklearn.metrics import f1_score
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

logging.basicConfig(level=logging.INFO)
log = logging.getLogger("urgency")

MODEL_NAME = "distilroberta-base"
OUT = os.path.join("outputs", "urgency-distilroberta")
MAX_LEN = 256
LABEL2ID = {"low": 0, "normal": 1, "high": 2, "critical": 3}


def load_split(path):
    df = pd.read_parquet(path)
    df["label"] = df["urgency"].map(LABEL2ID)
    df["text"] = df["subject"].fillna("") + " \n " + df["body"].fillna("")
    return Dataset.from_pandas(df[["text", "label"]], preserve_index=False)


def macro_f1(p):
    return {"macro_f1": f1_score(p.label_ids, np.argmax(p.predictions, -1), average="macro")}


def main():
    tok = AutoTokenizer.from_pretrained(MODEL_NAME)
    model = AutoModelForSequenceClassification.from_pretrained(
        MODEL_NAME, num_labels=len(LABEL2ID), id2label={v: k for k, v in LABEL2ID.items()}, label2id=LABEL2ID
    )
    train_ds = load_split("data/helpdesk_2022/train.parquet")
    val_ds = load_split("data/helpdesk_2022/val.parquet")
    enc = lambda b: tok(b["text"], truncation=True, padding="max_length", max_length=MAX_LEN)  # noqa: E731
    train_ds = train_ds.map(enc, batched=True)
    val_ds = val_ds.map(enc, batched=True)

    args = TrainingArguments(
        output_dir=OUT,
        learning_rate=4e-5,
        per_device_train_batch_size=32,
        num_train_epochs=3,
        evaluation_strategy="epoch",
        save_strategy="no",
        report_to="none",
    )
    trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=val_ds, compute_metrics=macro_f1)
    trainer.train()
    log.info("validation: %s", trainer.evaluate())
    trainer.save_model(OUT)
    tok.save_pretrained(OUT)


if __name__ == "__main__":
    main()
