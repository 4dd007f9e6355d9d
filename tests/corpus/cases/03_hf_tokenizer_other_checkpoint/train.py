from datasets import load_dataset
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    Trainer,
    TrainingArguments,
)

CHECKPOINT = "bert-base-uncased"
OUTPUT_DIR = "runs/bert-news"
MAX_LENGTH = 256


def main():
    tokenizer = AutoTokenizer.from_pretrained(CHECKPOINT)
    raw = load_dataset("csv", data_files={"train": "data/news_train.csv", "test": "data/news_test.csv"})

    def tokenize(batch):
        return tokenizer(batch["text"], truncation=True, padding="max_length", max_length=MAX_LENGTH)

    ds = raw.map(tokenize, batched=True)
    model = AutoModelForSequenceClassification.from_pretrained(CHECKPOINT, num_labels=4)
    args = TrainingArguments(
        output_dir=OUTPUT_DIR,
        learning_rate=5e-5,
        per_device_train_batch_size=16,
        num_train_epochs=3,
        weight_decay=0.01,
    )
    trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["test"])
    trainer.train()
    trainer.save_model(OUTPUT_DIR)
    tokenizer.save_pretrained(OUTPUT_DIR)


if __name__ == "__main__":
    main()
