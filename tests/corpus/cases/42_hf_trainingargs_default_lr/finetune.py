from datasets import load_dataset
from transformers import (
    AutoModelForTokenClassification,
    AutoTokenizer,
    DataCollatorForTokenClassification,
    Trainer,
    TrainingArguments,
)

PRETRAINED = "models/ner-roberta"
OUT = "models/ner-roberta-legal"

tokenizer = AutoTokenizer.from_pretrained(PRETRAINED, add_prefix_space=True)


def tokenize_and_align(batch):
    enc = tokenizer(batch["tokens"], is_split_into_words=True, truncation=True, max_length=256)
    enc["labels"] = [
        [tags[w] if w is not None else -100 for w in enc.word_ids(i)] for i, tags in enumerate(batch["ner_tags"])
    ]
    return enc


if __name__ == "__main__":
    data = load_dataset("json", data_files={"train": "data/ner_contracts.jsonl"})
    data = data.map(tokenize_and_align, batched=True)
    model = AutoModelForTokenClassification.from_pretrained(PRETRAINED)
    args = TrainingArguments(OUT, num_train_epochs=2, per_device_train_batch_size=16)
    trainer = Trainer(model=model, args=args, train_dataset=data["train"],
                      data_collator=DataCollatorForTokenClassification(tokenizer))
    trainer.train()
    trainer.save_model(OUT)
    tokenizer.save_pretrained(OUT)
