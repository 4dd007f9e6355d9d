import logging
import math

from datasets import load_dataset
from transformers import (
    AutoModelForMaskedLM,
    AutoTokenizer,
    DataCollatorForLanguageModeling,
    Trainer,
    TrainingArguments,
)

logger = logging.getLogger(__name__)

BASE = "roberta-base"
SAVE_DIR = "runs/roberta-pubmed"
CFG = {
    "data": {"train": "data/pubmed/abstracts_train.txt", "valid": "data/pubmed/abstracts_valid.txt"},
    "optim": {"lr": 1e-4, "weight_decay": 0.01, "warmup_steps": 2000},
    "max_length": 256,
    "batch_size": 64,
}


def group_texts(examples, block=CFG["max_length"]):
    joined = sum(examples["input_ids"], [])
    total = (len(joined) // block) * block
    chunks = [joined[i:i + block] for i in range(0, total, block)]
    return {"input_ids": chunks, "attention_mask": [[1] * block for _ in chunks]}


def main():
    logging.basicConfig(level=logging.INFO)
    tokenizer = AutoTokenizer.from_pretrained(BASE)
    model = AutoModelForMaskedLM.from_pretrained(BASE)

    raw = load_dataset("text", data_files={"train": CFG["data"]["train"], "validation": CFG["data"]["valid"]})
    tokenized = raw.map(lambda b: tokenizer(b["text"]), batched=True, remove_columns=["text"])
    blocks = tokenized.map(group_texts, batched=True, remove_columns=tokenized["train"].column_names)

    args = TrainingArguments(
        output_dir=SAVE_DIR,
        learning_rate=CFG["optim"]["lr"],
        weight_decay=CFG["optim"]["weight_decay"],
        warmup_steps=CFG["optim"]["warmup_steps"],
        per_device_train_batch_size=CFG["batch_size"],
        max_steps=100_000,
        evaluation_strategy="steps",
        eval_steps=5000,
        save_steps=5000,
        bf16=True,
    )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=blocks["train"],
        eval_dataset=blocks["validation"],
        data_collator=DataCollatorForLanguageModeling(tokenizer, mlm_probability=0.15),
    )
    trainer.train()
    ppl = math.exp(trainer.evaluate()["eval_loss"])
    logger.info("validation perplexity: %.2f", ppl)
    trainer.save_model(SAVE_DIR)
    tokenizer.save_pretrained(SAVE_DIR)


if __name__ == "__main__":
    main()
