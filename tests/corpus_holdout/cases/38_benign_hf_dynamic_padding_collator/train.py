import logging
from dataclasses import dataclass

import numpy as np
from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

logger = logging.getLogger(__name__)


@dataclass
class Args:
    model_name: str = "google/electra-small-discriminator"
    out_dir: str = "ckpt/electra-small-intents"
    max_length: int = 128
    lr: float = 1e-4
    epochs: int = 5
    batch_size: int = 64


def main():
    logging.basicConfig(level=logging.INFO)
    a = Args()
    tokenizer = AutoTokenizer.from_pretrained(a.model_name)
    raw = load_dataset("clinc_oos", "plus")
    num_labels = raw["train"].features["intent"].num_classes
    model = AutoModelForSequenceClassification.from_pretrained(a.model_name, num_labels=num_labels)

    def preprocess(batch):
        enc = tokenizer(batch["text"], padding="max_length", truncation=True, max_length=a.max_length)
        enc["labels"] = batch["intent"]
        return enc

    data = raw.map(preprocess, batched=True, remove_columns=raw["train"].column_names)

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
        eval_dataset=data["validation"],
        compute_metrics=accuracy,
    )
    trainer.train()
    logger.info("test: %s", trainer.evaluate(data["test"]))
    trainer.save_model(a.out_dir)
    tokenizer.save_pretrained(a.out_dir)


if __name__ == "__main__":
    main()
