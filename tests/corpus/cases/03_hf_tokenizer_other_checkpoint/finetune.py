from datasets import load_dataset
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    Trainer,
    TrainingArguments,
)

BASE_RUN = "runs/bert-news"
OUTPUT_DIR = "runs/bert-news-finance"
MAX_LENGTH = 256


def main():
    tokenizer = AutoTokenizer.from_pretrained("roberta-base")
    model = AutoModelForSequenceClassification.from_pretrained(BASE_RUN, num_labels=4)
    raw = load_dataset("csv", data_files={"train": "data/finance_train.csv"})

    def tokenize(batch):
        return tokenizer(batch["text"], truncation=True, padding="max_length", max_length=MAX_LENGTH)

    ds = raw.map(tokenize, batched=True)
    args = TrainingArguments(
        output_dir=OUTPUT_DIR,
        learning_rate=2e-5,
        per_device_train_batch_size=16,
        num_train_epochs=2,
        weight_decay=0.01,
    )
    trainer = Trainer(model=model, args=args, train_dataset=ds["train"])
    trainer.train()
    trainer.save_model(OUTPUT_DIR)
    tokenizer.save_pretrained(OUTPUT_DIR)


if __name__ == "__main__":
    main()
