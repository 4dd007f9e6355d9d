import argparse

from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

parser = argparse.ArgumentParser()
parser.add_argument("--model_name", default="distilbert-base-cased")
parser.add_argument("--output_dir", default="out/toxicity")
parser.add_argument("--lr", type=float, default=3e-5)
parser.add_argument("--epochs", type=int, default=3)
parser.add_argument("--max_length", type=int, default=128)
args = parser.parse_args()

tokenizer = AutoTokenizer.from_pretrained(args.model_name)
dataset = load_dataset("csv", data_files="data/comments.csv")["train"].train_test_split(test_size=0.1)


def normalize(example):
    return {"text": example["text"].lower()}


def encode(batch):
    return tokenizer(batch["text"], truncation=True, max_length=args.max_length, padding="max_length")


dataset = dataset.map(normalize).map(encode, batched=True)
model = AutoModelForSequenceClassification.from_pretrained(args.model_name, num_labels=2)
training_args = TrainingArguments(
    output_dir=args.output_dir,
    learning_rate=args.lr,
    num_train_epochs=args.epochs,
    per_device_train_batch_size=32,
)
trainer = Trainer(model=model, args=training_args, train_dataset=dataset["train"], eval_dataset=dataset["test"])
trainer.train()
model.save_pretrained(args.output_dir)
tokenizer.save_pretrained(args.output_dir)
