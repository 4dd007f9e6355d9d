from datasets import load_dataset
from transformers import (
    AutoModelForTokenClassification,
    AutoTokenizer,
    DataCollatorForTokenClassification,
    Trainer,
    TrainingArguments,
)

BASE = "roberta-base"
OUT = "models/ner-roberta"
LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]

tokenizer = AutoTokenizer.from_pretrained(BASE, add_prefix_space=True)


def tokenize_and_align(batch):
    enc = tokenizer(batch["tokens"], is_split_into_words=True, truncation=True, max_length=256)
    enc["labels"] = [
        [tags[w] if w is not None else -100 for w in enc.word_ids(i)] for i, tags in enumerate(batch["ner_tags"])
    ]
    return enc


if __name__ == "__main__":
    data = load_dataset("json", data_files={"train": "data/ner_news_train.jsonl"})
    data = data.map(tokenize_and_align, batched=True)
    model = AutoModelForTokenClassification.from_pretrained(BASE, num_labels=len(LABELS))
    args = TrainingArguments(OUT, learning_rate=2e-5, num_train_epochs=4, per_device_train_batch_size=16)
    trainer = Trainer(model=model, args=args, train_dataset=data["train"],
                      data_collator=DataCollatorForTokenClassification(tokenizer))
    trainer.train()
    trainer.save_model(OUT)
    tokenizer.save_pretrained(OUT)
