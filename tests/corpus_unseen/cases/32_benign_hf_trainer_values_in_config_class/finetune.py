
from datasets import load_dataset
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    DataCollatorWithPadding,
    Trainer,
    TrainingArguments,
)


class FinetuneConfig:
    model_dir = "models/roberta-yelp"
    data_files = {"train": "data/hotel_train.csv", "validation": "data/hotel_val.csv"}
    num_labels = 3
    max_length = 256
    learning_rate = 1e-5
    epochs = 3
    batch_size = 16
    output_dir = "runs/roberta-hotel"


cfg = FinetuneConfig()
tokenizer = AutoTokenizer.from_pretrained(cfg.model_dir)
model = AutoModelForSequenceClassification.from_pretrained(
    cfg.model_dir, num_labels=cfg.num_labels, ignore_mismatched_sizes=True
)

hotel = load_dataset("csv", data_files=cfg.data_files)
hotel = hotel.map(lambda b: tokenizer(b["text"], truncation=True, max_length=cfg.max_length), batched=True)

training_args = TrainingArguments(
    output_dir=cfg.output_dir,
    learning_rate=cfg.learning_rate,
    num_train_epochs=cfg.epochs,
    per_device_train_batch_size=cfg.batch_size,
    warmup_ratio=0.1,
    weight_decay=0.01,
    fp16=True,
)
trainer = Trainer(
    model=model,
    args=training_args,
    train_dataset=hotel["train"],
    eval_dataset=hotel["validation"],
    tokenizer=tokenizer,
    data_collator=DataCollatorWithPadding(tokenizer),
)
trainer.train()
trainer.save_model(cfg.output_dir)
