"""Train DistilRoBERTa on 30k historic support tickets (routing to 12 queues)."""
import pandas as pd
from datasets import Dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

BASE = "distilroberta-base"
OUT_DIR = "models/distilroberta-support"
N_QUEUES = 12

tickets = pd.read_csv("data/tickets_2019_2023.csv")
tickets["text"] = tickets["subject"].fillna("") + " \n " + tickets["body"].fillna("")

tokenizer = AutoTokenizer.from_pretrained(BASE)
ds = Dataset.from_pandas(tickets[["text", "queue_id"]].rename(columns={"queue_id": "label"}))
ds = ds.map(
    lambda b: tokenizer(b["text"], truncation=True, padding="max_length", max_length=128),
    batched=True,
    remove_columns=["text"],
)
ds = ds.train_test_split(test_size=0.05, seed=0)

model = AutoModelForSequenceClassification.from_pretrained(BASE, num_labels=N_QUEUES)
args = TrainingArguments(
    output_dir="runs/support_routing",
    learning_rate=4e-5,
    num_train_epochs=3,
    per_device_train_batch_size=32,
    per_device_eval_batch_size=64,
    eval_strategy="epoch",
    weight_decay=0.01,
    logging_steps=100,
)
trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["test"])
trainer.train()
trainer.save_model(OUT_DIR)
