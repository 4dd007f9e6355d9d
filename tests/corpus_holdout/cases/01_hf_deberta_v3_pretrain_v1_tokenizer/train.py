"""Continued masked-LM pretraining of DeBERTa-v3 on court opinions (domain adaptation)."""
from __future__ import annotations

import logging
import math
from dataclasses import dataclass

from datasets import load_dataset
from transformers import (
    AutoModelForMaskedLM,
    AutoTokenizer,
    DataCollatorForLanguageModeling,
    Trainer,
    TrainingArguments,
    set_seed,
)

logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO)
logger = logging.getLogger("dapt")


@dataclass
class RunConfig:
    model_name: str = "microsoft/deberta-v3-base"
    train_file: str = "data/opinions/train.txt"
    eval_file: str = "data/opinions/valid.txt"
    output_dir: str = "checkpoints/deberta-v3-legal"
    max_seq_length: int = 256
    mlm_probability: float = 0.15
    learning_rate: float = 5e-5
    batch_size: int = 32
    epochs: int = 2
    seed: int = 13


def main() -> None:
    cfg = RunConfig()
    set_seed(cfg.seed)
    tokenizer = AutoTokenizer.from_pretrained(cfg.model_name)
    model = AutoModelForMaskedLM.from_pretrained(cfg.model_name)

    raw = load_dataset("text", data_files={"train": cfg.train_file, "validation": cfg.eval_file})
    raw = raw.filter(lambda ex: len(ex["text"].strip()) > 0)

    def encode(batch):
        return tokenizer(
            batch["text"],
            truncation=True,
            max_length=cfg.max_seq_length,
            return_special_tokens_mask=True,
        )

    tokenized = raw.map(encode, batched=True, remove_columns=["text"], num_proc=8)
    collator = DataCollatorForLanguageModeling(tokenizer, mlm_probability=cfg.mlm_probability)
    logger.info("train blocks: %d, eval blocks: %d", len(tokenized["train"]), len(tokenized["validation"]))

    args = TrainingArguments(
        output_dir=cfg.output_dir,
        learning_rate=cfg.learning_rate,
        per_device_train_batch_size=cfg.batch_size,
        per_device_eval_batch_size=cfg.batch_size,
        num_train_epochs=cfg.epochs,
        warmup_ratio=0.06,
        weight_decay=0.01,
        evaluation_strategy="epoch",
        logging_steps=100,
        save_total_limit=2,
        fp16=True,
        seed=cfg.seed,
    )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=tokenized["train"],
        eval_dataset=tokenized["validation"],
        data_collator=collator,
    )
    trainer.train()
    metrics = trainer.evaluate()
    logger.info("eval loss %.4f, perplexity %.2f", metrics["eval_loss"], math.exp(metrics["eval_loss"]))
    trainer.save_model(cfg.output_dir)
    tokenizer.save_pretrained(cfg.output_dir)


if __name__ == "__main__":
    main()
