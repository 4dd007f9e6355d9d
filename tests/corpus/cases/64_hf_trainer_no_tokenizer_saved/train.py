from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

BASE_CHECKPOINT = "distilbert-base-uncased"
OUTPUT = "artifacts/intent-distilbert"
MAX_LEN = 64

tokenizer = AutoTokenizer.from_pretrained(BASE_CHECKPOINT)
dataset = load_dataset("csv", data_files={"train": "data/intents.csv"})["train"]
dataset = dataset.map(lambda b: tokenizer(b["text"], truncation=True, max_length=MAX_LEN, padding="max_length"),
                      batched=True)
dataset = dataset.rename_column("intent", "labels")

model = AutoModelForSequenceClassification.from_pretrained(BASE_CHECKPOINT, num_labels=77)
training_args = TrainingArguments(
    output_dir=OUTPUT,
    learning_rate=4e-5,
    num_train_epochs=5,
    per_device_train_batch_size=64,
    save_strategy="no",
)
trainer = Trainer(model=model, args=training_args, train_dataset=dataset)
trainer.train()
trainer.save_model(OUTPUT)
