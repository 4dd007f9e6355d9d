import logging
from dataclasses import dataclass

import numpy as np
from datasets import load_dataset
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    DataCollatorWithPadding,
    Trainer,
    TrainingArguments,
)

logger = logging.getLogger(__name__)


@dataclass
class Args:
    pretrained: str = "ckpt/electra-small-intents"
    out_dir: str = "ckpt/electra-small-bank-intents"
    max_length: int = 128
    lr: float = 3e-5
    epochs: int = 8
    batch_size: int = 32


def main():
    logging.basicConfig(level=logging.INFO)
    a = Args()
    tokenizer = AutoTokenizer.from_pretrained(a.pretrained)
    raw = load_dataset("banking77")
    model = AutoModelForSequenceClassification.from_pretrained(
        a.pretrained, num_labels=77, ignore_mismatched_sizes=True
    )

    def preprocess(batch):
        return tokenizer(batch["text"], truncation=True, max_length=a.max_length)

    data = raw.map(preprocess, batched=True, remove_columns=["text"])
    data = data.rename_column("label", "labels")
    collator = DataCollatorWithPadding(tokenizer=tokenizer, pad_to_multiple_of=8)

    def accuracy(pred):
        return {"accuracy": float(np.mean(pred.predictions.argmax(-1) == pred.label_ids))}

    trainer = Trainer(
        model=model,
        args=TrainingArguments(
            output_dir=a.out_dir,
            learning_rate=a.lr,
            num_train_epochs=a.epochs,
            per_device_train_batch_size=a.batch_size,
            evaluation_strategy="epoch",
            save_strategy="no",
        ),
        train_dataset=data["train"],
        eval_dataset=data["test"],
        data_collator=collator,
        compute_metrics=accuracy,
    )
    trainer.train()
    logger.info("banking77 test: %s", trainer.evaluate())
    trainer.save_model(a.out_dir)
    tokenizer.save_pretrained(a.out_dir)


if __name__ == "__main__":
    main()
