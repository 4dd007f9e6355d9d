import argparse
import logging

import numpy as np
from datasets import load_dataset
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    DataCollatorWithPadding,
    Trainer,
    TrainingArguments,
)

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("aspect")


def get_args():
    parser = argparse.ArgumentParser(description="fine-tune the review MLM on aspect sentiment")
    parser.add_argument("--pretrained-dir", dest="pretrained_dir", default="outputs/mlm_pretrain")
    parser.add_argument("--output-dir", dest="output_dir", default="outputs/aspect-sentiment")
    parser.add_argument("--learning-rate", dest="learning_rate", type=float, default=3e-5)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--max-length", dest="max_length", type=int, default=128)
    return parser.parse_args()


def main():
    args = get_args()
    tokenizer = AutoTokenizer.from_pretrained(args.pretrained_dir)
    model = AutoModelForSequenceClassification.from_pretrained(args.pretrained_dir, num_labels=3)
    data = load_dataset("json", data_files={"train": "data/aspects/train.jsonl", "test": "data/aspects/test.jsonl"})
    data = data.map(
        lambda b: tokenizer(b["aspect"], b["sentence"], truncation=True, max_length=args.max_length), batched=True
    )

    def accuracy(pred):
        return {"accuracy": float((np.argmax(pred.predictions, -1) == pred.label_ids).mean())}

    training_args = TrainingArguments(
        output_dir=args.output_dir,
        learning_rate=args.learning_rate,
        per_device_train_batch_size=32,
        num_train_epochs=args.epochs,
        evaluation_strategy="epoch",
        save_strategy="epoch",
        load_best_model_at_end=True,
        metric_for_best_model="accuracy",
    )
    trainer = Trainer(
        model=model,
        args=training_args,
        train_dataset=data["train"],
        eval_dataset=data["test"],
        data_collator=DataCollatorWithPadding(tokenizer),
        compute_metrics=accuracy,
    )
    trainer.train()
    logger.info("test accuracy %.4f", trainer.evaluate()["eval_accuracy"])
    trainer.save_model(args.output_dir)
    tokenizer.save_pretrained(args.output_dir)


if __name__ == "__main__":
    main()
