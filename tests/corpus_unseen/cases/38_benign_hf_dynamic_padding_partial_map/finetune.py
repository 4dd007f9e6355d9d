from functools import partial

from datasets import load_dataset
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    DataCollatorWithPadding,
    Trainer,
    TrainingArguments,
)

INIT_DIR = "models/bert-paraphrase"


def tokenize(batch, tokenizer, max_length):
    return tokenizer(batch["question1"], batch["question2"], truncation=True, max_length=max_length)


tokenizer = AutoTokenizer.from_pretrained(INIT_DIR)
model = AutoModelForSequenceClassification.from_pretrained(INIT_DIR, num_labels=2)

qqp = load_dataset("glue", "qqp")
qqp = qqp.map(partial(tokenize, tokenizer=tokenizer, max_length=128), batched=True)

args = TrainingArguments(
    output_dir="runs/bert-qqp",
    learning_rate=1e-5,
    num_train_epochs=2,
    per_device_train_batch_size=32,
    group_by_length=True,
    eval_strategy="epoch",
)
trainer = Trainer(
    model=model,
    args=args,
    train_dataset=qqp["train"],
    eval_dataset=qqp["validation"],
    tokenizer=tokenizer,
    data_collator=DataCollatorWithPadding(tokenizer=tokenizer),
)
trainer.train()
trainer.save_model("models/bert-qqp")
