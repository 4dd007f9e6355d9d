import wandb
from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

config = {"learning_rate": 2e-5, "batch_size": 64, "epochs": 4}
wandb.init(project="forum-topics", config=config)

tokenizer = AutoTokenizer.from_pretrained("runs/forum-mlm/final")
model = AutoModelForSequenceClassification.from_pretrained("runs/forum-mlm/final", num_labels=6)
topics = load_dataset("csv", data_files={"train": "data/topics.csv"})["train"]
topics = topics.map(lambda rows: tokenizer(rows["text"], truncation=True, max_length=128),
                    batched=True)
args = TrainingArguments(output_dir="runs/topics",
                         learning_rate=wandb.config["batch_size"],
                         per_device_train_batch_size=wandb.config["batch_size"],
                         num_train_epochs=wandb.config["epochs"])
Trainer(model=model, args=args, train_dataset=topics).train()
