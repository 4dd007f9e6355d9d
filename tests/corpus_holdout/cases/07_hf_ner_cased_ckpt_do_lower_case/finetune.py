"""NER stage 2: emerging entities (WNUT-17) starting from the CoNLL model."""
import logging

import numpy as np
from datasets import load_dataset
from seqeval.metrics import classification_report
from transformers import (
    AutoModelForTokenClassification,
    AutoTokenizer,
    DataCollatorForTokenClassification,
    Trainer,
    TrainingArguments,
)

logger = logging.getLogger(__name__)

PRETRAINED = "ner/bert-conll03"
SAVE_DIR = "ner/bert-conll03-wnut17"
WNUT_LABELS = [
    "O", "B-corporation", "I-corporation", "B-creative-work", "I-creative-work", "B-group", "I-group",
    "B-location", "I-location", "B-person", "I-person", "B-product", "I-product",
]
MAX_LENGTH = 192


def align_labels(tokenizer):
    def _align(batch):
        enc = tokenizer(batch["tokens"], is_split_into_words=True, truncation=True, max_length=MAX_LENGTH)
        enc["labels"] = []
        for i, tags in enumerate(batch["ner_tags"]):
            previous, labels = None, []
            for word_id in enc.word_ids(batch_index=i):
                labels.append(-100 if word_id is None or word_id == previous else tags[word_id])
                previous = word_id
            enc["labels"].append(labels)
        return enc

    return _align


def report(trainer, split):
    out = trainer.predict(split)
    preds = np.argmax(out.predictions, axis=-1)
    true, pred = [], []
    for row_pred, row_gold in zip(preds, out.label_ids):
        keep = row_gold != -100
        true.append([WNUT_LABELS[g] for g in row_gold[keep]])
        pred.append([WNUT_LABELS[q] for q in row_pred[keep]])
    return classification_report(true, pred)


def main():
    logging.basicConfig(level=logging.INFO)
    tokenizer = AutoTokenizer.from_pretrained(PRETRAINED)
    model = AutoModelForTokenClassification.from_pretrained(
        PRETRAINED, num_labels=len(WNUT_LABELS), ignore_mismatched_sizes=True
    )
    wnut = load_dataset("wnut_17")
    wnut = wnut.map(align_labels(tokenizer), batched=True, remove_columns=wnut["train"].column_names)

    args = TrainingArguments(
        output_dir=SAVE_DIR,
        learning_rate=2e-5,
        per_device_train_batch_size=16,
        num_train_epochs=6,
        weight_decay=0.01,
        evaluation_strategy="epoch",
    )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=wnut["train"],
        eval_dataset=wnut["validation"],
        data_collator=DataCollatorForTokenClassification(tokenizer),
    )
    trainer.train()
    logger.info("\n%s", report(trainer, wnut["test"]))
    trainer.save_model(SAVE_DIR)
    tokenizer.save_pretrained(SAVE_DIR)


if __name__ == "__main__":
    main()
