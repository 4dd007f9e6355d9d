from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

PRETRAINED_DIR = "runs/review-helpfulness"
OUTPUT_DIR = "runs/review-helpfulness-games"
MAX_LENGTH = 192
LEARNING_RATE = 1e-5

tokenizer = AutoTokenizer.from_pretrained(PRETRAINED_DIR)


def encode(batch):
    return tokenizer(batch["review"], truncation=True, max_length=MAX_LENGTH, padding="max_length")


if __name__ == "__main__":
    ds = load_dataset("csv", data_files="data/reviews_games.csv")["train"].map(encode, batched=True)
    model = AutoModelForSequenceClassification.from_pretrained(PRETRAINED_DIR)
    args = TrainingArguments(
        output_dir=OUTPUT_DIR,
        learning_rate=LEARNING_RATE,
        num_train_epochs=2,
        per_device_train_batch_size=32,
        warmup_ratio=0.1,
    )
    trainer = Trainer(model=model, args=args, train_dataset=ds)
    trainer.train()
    trainer.save_model(OUTPUT_DIR)
    tokenizer.save_pretrained(OUTPUT_DIR)
