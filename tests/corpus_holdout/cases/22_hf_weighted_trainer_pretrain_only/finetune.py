import logging

import numpy as np
from datasets import load_dataset
from sklearn.metrics import classification_report, f1_score
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

logger = logging.getLogger("toxicity-gaming")

PRETRAINED = "runs/roberta-toxicity"
OUTPUT_DIR = "runs/roberta-toxicity-gaming"
MAX_LEN = 128


def macro_f1(p):
    return {"macro_f1": f1_score(p.label_ids, np.argmax(p.predictions, -1), average="macro")}


def main():
    logging.basicConfig(level=logging.INFO)
    tokenizer = AutoTokenizer.from_pretrained(PRETRAINED)
    model = AutoModelForSequenceClassification.from_pretrained(PRETRAINED)
    ds = load_dataset("csv", data_files={"train": "data/game_chat/train.csv", "test": "data/game_chat/test.csv"})
    ds = ds.map(lambda b: tokenizer(b["text"], truncation=True, padding="max_length", max_length=MAX_LEN), batched=True)
    logger.info("label counts: %s", np.bincount(np.array(ds["train"]["label"])))

    args = TrainingArguments(
        output_dir=OUTPUT_DIR,
        learning_rate=1e-5,
        per_device_train_batch_size=32,
        num_train_epochs=4,
        evaluation_strategy="epoch",
        save_strategy="no",
    )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=ds["train"],
        eval_dataset=ds["test"],
        compute_metrics=macro_f1,
    )
    trainer.train()
    preds = trainer.predict(ds["test"])
    logger.info("\n%s", classification_report(preds.label_ids, preds.predictions.argmax(-1), digits=3))
    trainer.save_model(OUTPUT_DIR)
    tokenizer.save_pretrained(OUTPUT_DIR)


if __name__ == "__main__":
    main()
