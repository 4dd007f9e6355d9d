"""Fine-tune the support-routing model on the 2024 tickets after the queue reorg."""
import pandas as pd
from datasets import Dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

INIT_DIR = "models/distilroberta-support"
OUT_DIR = "models/distilroberta-support-2024"
N_QUEUES = 12

recent = pd.read_csv("data/tickets_2024.csv")
recent["text"] = recent["subject"].fillna("") + " \n " + recent["body"].fillna("")

tokenizer = AutoTokenizer.from_pretrained(INIT_DIR)
ds = Dataset.from_pandas(recent[["text", "queue_id"]].rename(columns={"queue_id": "label"}))
ds = ds.map(
    lambda b: tokenizer(b["text"], truncation=True, padding="max_length", max_length=128),
    batched=True,
    remove_columns=["text"],
)
ds = ds.train_test_split(test_size=0.1, seed=0)

model = AutoModelForSequenceClassification.from_pretrained(INIT_DIR, num_labels=N_QUEUES)
args = TrainingArguments(
    output_dir="runs/support_routing_2024",
    learning_rate=2e-5,
    num_train_epochs=2,
    per_device_train_batch_size=16,
    per_device_eval_batch_size=64,
    eval_strategy="epoch",
    weight_decay=0.01,
    logging_steps=20,
)
trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["test"], tokenizer=tokenizer)
trainer.train()
trainer.save_model(OUT_DIR)
