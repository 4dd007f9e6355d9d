import numpy as np
from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

MODEL_ID = "bert-base-multilingual-cased"
OUT = "models/mbert-sentiment"
MAX_LENGTH = 128

tokenizer = AutoTokenizer.from_pretrained(MODEL_ID)


def preprocess(batch):
    return tokenizer(batch["text"], truncation=True, max_length=MAX_LENGTH, padding="max_length")


def compute_metrics(pred):
    return {"accuracy": float((np.argmax(pred.predictions, -1) == pred.label_ids).mean())}


if __name__ == "__main__":
    ds = load_dataset("csv", data_files={"train": "data/sent_train.csv", "validation": "data/sent_dev.csv"})
    ds = ds.map(preprocess, batched=True)
    model = AutoModelForSequenceClassification.from_pretrained(MODEL_ID, num_labels=3)
    args = TrainingArguments(OUT, learning_rate=3e-5, num_train_epochs=3, per_device_train_batch_size=32)
    trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["validation"],
                      tokenizer=tokenizer, compute_metrics=compute_metrics)
    trainer.train()
    trainer.save_model(OUT)
