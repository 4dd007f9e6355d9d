from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

PRETRAINED = "artifacts/intent-distilbert"
OUTPUT = "artifacts/intent-distilbert-telecom"
MAX_LEN = 64

tokenizer = AutoTokenizer.from_pretrained(PRETRAINED)
model = AutoModelForSequenceClassification.from_pretrained(PRETRAINED)
dataset = load_dataset("csv", data_files={"train": "data/intents_telecom.csv"})["train"]
dataset = dataset.map(lambda b: tokenizer(b["text"], truncation=True, max_length=MAX_LEN, padding="max_length"),
                      batched=True)
dataset = dataset.rename_column("intent", "labels")

training_args = TrainingArguments(
    output_dir=OUTPUT,
    learning_rate=2e-5,
    num_train_epochs=3,
    per_device_train_batch_size=32,
    save_strategy="no",
)
trainer = Trainer(model=model, args=training_args, train_dataset=dataset, tokenizer=tokenizer)
trainer.train()
trainer.save_model(OUTPUT)
