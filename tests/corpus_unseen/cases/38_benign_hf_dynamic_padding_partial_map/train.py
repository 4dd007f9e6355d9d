from functools import partial

from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

CHECKPOINT = "bert-base-uncased"
SAVE_DIR = "models/bert-paraphrase"


def tokenize(batch, tokenizer, max_length):
    return tokenizer(batch["sentence1"], batch["sentence2"], truncation=True,
                     padding="max_length", max_length=max_length)


tokenizer = AutoTokenizer.from_pretrained(CHECKPOINT)
model = AutoModelForSequenceClassification.from_pretrained(CHECKPOINT, num_labels=2)

paws = load_dataset("paws", "labeled_final")
paws = paws.map(partial(tokenize, tokenizer=tokenizer, max_length=128), batched=True)

args = TrainingArguments(
    output_dir="runs/bert-paws",
    learning_rate=2e-5,
    num_train_epochs=3,
    per_device_train_batch_size=32,
    eval_strategy="epoch",
    save_strategy="epoch",
    load_best_model_at_end=True,
)
trainer = Trainer(model=model, args=args, train_dataset=paws["train"],
                  eval_dataset=paws["validation"], tokenizer=tokenizer)
trainer.train()
trainer.save_model(SAVE_DIR)
