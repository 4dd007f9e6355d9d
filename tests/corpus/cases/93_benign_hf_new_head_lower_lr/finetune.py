from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

PRETRAINED = "models/mbert-sentiment"
OUT = "models/mbert-star-rating"
MAX_LENGTH = 128

tokenizer = AutoTokenizer.from_pretrained(PRETRAINED)


def preprocess(batch):
    return tokenizer(batch["text"], truncation=True, max_length=MAX_LENGTH, padding="max_length")


if __name__ == "__main__":
    ds = load_dataset("csv", data_files={"train": "data/stars_train.csv"})
    ds = ds.map(preprocess, batched=True)
    model = AutoModelForSequenceClassification.from_pretrained(PRETRAINED, num_labels=5, ignore_mismatched_sizes=True)
    args = TrainingArguments(OUT, learning_rate=1e-5, num_train_epochs=2, per_device_train_batch_size=32)
    trainer = Trainer(model=model, args=args, train_dataset=ds["train"], tokenizer=tokenizer)
    trainer.train()
    trainer.save_model(OUT)
