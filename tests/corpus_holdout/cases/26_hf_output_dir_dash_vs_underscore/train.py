import logging

from datasets import load_dataset
from transformers import (
    AutoModelForMaskedLM,
    AutoTokenizer,
    DataCollatorForLanguageModeling,
    Trainer,
    TrainingArguments,
)

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("mlm")

BASE_MODEL = "bert-base-uncased"
OUTPUT_DIR = "outputs/mlm-pretrain"
MAX_LENGTH = 128


def main():
    tokenizer = AutoTokenizer.from_pretrained(BASE_MODEL)
    model = AutoModelForMaskedLM.from_pretrained(BASE_MODEL)
    corpus = load_dataset("text", data_files={"train": "data/reviews_unlabeled.txt"})["train"]
    corpus = corpus.train_test_split(test_size=0.01, seed=0)
    tokenized = corpus.map(
        lambda b: tokenizer(b["text"], truncation=True, max_length=MAX_LENGTH),
        batched=True,
        remove_columns=["text"],
    )
    args = TrainingArguments(
        output_dir=OUTPUT_DIR,
        overwrite_output_dir=True,
        learning_rate=5e-5,
        per_device_train_batch_size=64,
        num_train_epochs=1,
        warmup_steps=1000,
        logging_steps=200,
        save_steps=10_000,
    )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=tokenized["train"],
        eval_dataset=tokenized["test"],
        data_collator=DataCollatorForLanguageModeling(tokenizer=tokenizer, mlm_probability=0.15),
    )
    trainer.train()
    logger.info("held-out MLM loss %.4f", trainer.evaluate()["eval_loss"])
    trainer.save_model(OUTPUT_DIR)
    tokenizer.save_pretrained(OUTPUT_DIR)


if __name__ == "__main__":
    main()
