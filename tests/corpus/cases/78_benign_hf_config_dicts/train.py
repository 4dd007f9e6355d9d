from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

CONFIG = {
    "checkpoint": "microsoft/deberta-v3-small",
    "max_length": 192,
    "lr": 3e-5,
    "epochs": 3,
    "batch_size": 32,
    "output_dir": "runs/review-helpfulness",
}

tokenizer = AutoTokenizer.from_pretrained(CONFIG["checkpoint"])


def encode(batch):
    return tokenizer(batch["review"], truncation=True, max_length=CONFIG["max_length"], padding="max_length")


if __name__ == "__main__":
    ds = load_dataset("csv", data_files="data/reviews_helpfulness.csv")["train"].map(encode, batched=True)
    model = AutoModelForSequenceClassification.from_pretrained(CONFIG["checkpoint"], num_labels=2)
    args = TrainingArguments(
        output_dir=CONFIG["output_dir"],
        learning_rate=CONFIG["lr"],
        num_train_epochs=CONFIG["epochs"],
        per_device_train_batch_size=CONFIG["batch_size"],
        warmup_ratio=0.1,
    )
    trainer = Trainer(model=model, args=args, train_dataset=ds)
    trainer.train()
    trainer.save_model(CONFIG["output_dir"])
    tokenizer.save_pretrained(CONFIG["output_dir"])
