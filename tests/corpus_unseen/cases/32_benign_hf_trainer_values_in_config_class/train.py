from datasets import load_dataset
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    DataCollatorWithPadding,
    Trainer,
    TrainingArguments,
)

tokenizer = AutoTokenizer.from_pretrained("roberta-base")
model = AutoModelForSequenceClassification.from_pretrained("roberta-base", num_labels=5)

reviews = load_dataset("yelp_review_full")
reviews = reviews.map(lambda b: tokenizer(b["text"], truncation=True, max_length=256), batched=True)

training_args = TrainingArguments(
    output_dir="runs/roberta-yelp",
    learning_rate=3e-5,
    num_train_epochs=2,
    per_device_train_batch_size=32,
    warmup_ratio=0.1,
    weight_decay=0.01,
    fp16=True,
    save_total_limit=1,
)
trainer = Trainer(
    model=model,
    args=training_args,
    train_dataset=reviews["train"],
    eval_dataset=reviews["test"],
    tokenizer=tokenizer,
    data_collator=DataCollatorWithPadding(tokenizer),
)
trainer.train()
trainer.save_model("models/roberta-yelp")
tokenizer.save_pretrained("models/roberta-yelp")
