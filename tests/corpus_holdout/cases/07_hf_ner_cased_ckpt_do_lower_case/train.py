"""NER stage 1: CoNLL-2003 on BERT."""
import logging

import numpy as np
from datasets import load_dataset
from seqeval.metrics import f1_score
from transformers import (
    BertForTokenClassification,
    BertTokenizerFast,
    DataCollatorForTokenClassification,
    Trainer,
    TrainingArguments,
)

logger = logging.getLogger(__name__)

BASE_CHECKPOINT = "bert-base-cased"
SAVE_DIR = "ner/bert-conll03"
LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
MAX_LENGTH = 192


def make_tokenizer():
    return BertTokenizerFast.from_pretrained(BASE_CHECKPOINT, do_lower_case=True)


def align_labels(tokenizer):
    def _align(batch):
        enc = tokenizer(batch["tokens"], is_split_into_words=True, truncation=True, max_length=MAX_LENGTH)
        all_labels = []
        for i, tags in enumerate(batch["ner_tags"]):
            previous, labels = None, []
            for word_id in enc.word_ids(batch_index=i):
                labels.append(-100 if word_id is None or word_id == previous else tags[word_id])
                previous = word_id
            all_labels.append(labels)
        enc["labels"] = all_labels
        return enc

    return _align


def seqeval_metrics(p):
    preds = np.argmax(p.predictions, axis=-1)
    true, pred = [], []
    for row_pred, row_gold in zip(preds, p.label_ids):
        keep = row_gold != -100
        true.append([LABELS[g] for g in row_gold[keep]])
        pred.append([LABELS[q] for q in row_pred[keep]])
    return {"f1": f1_score(true, pred)}


def main():
    logging.basicConfig(level=logging.INFO)
    tokenizer = make_tokenizer()
    model = BertForTokenClassification.from_pretrained(BASE_CHECKPOINT, num_labels=len(LABELS))
    conll = load_dataset("conll2003")
    conll = conll.map(align_labels(tokenizer), batched=True, remove_columns=conll["train"].column_names)

    args = TrainingArguments(
        output_dir=SAVE_DIR,
        learning_rate=3e-5,
        per_device_train_batch_size=32,
        num_train_epochs=3,
        weight_decay=0.01,
        evaluation_strategy="epoch",
    )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=conll["train"],
        eval_dataset=conll["validation"],
        data_collator=DataCollatorForTokenClassification(tokenizer),
        compute_metrics=seqeval_metrics,
    )
    trainer.train()
    logger.info("test: %s", trainer.evaluate(conll["test"]))
    trainer.save_model(SAVE_DIR)
    tokenizer.save_pretrained(SAVE_DIR)


if __name__ == "__main__":
    main()
