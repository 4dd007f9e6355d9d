"""Domain-adaptive MLM on clinical notes, then NER fine-tuning, in one script."""
from datasets import load_dataset
from transformers import (
    AutoModelForMaskedLM,
    AutoModelForTokenClassification,
    AutoTokenizer,
    DataCollatorForLanguageModeling,
    DataCollatorForTokenClassification,
    Trainer,
    TrainingArguments,
)

BASE = "bert-base-cased"
DAPT_DIR = "checkpoints/bert-clinical-dapt"
LABELS = ["O", "B-DRUG", "I-DRUG", "B-DOSE", "I-DOSE", "B-ADE", "I-ADE", "B-ROUTE", "I-ROUTE"]

# Original training
tokenizer = AutoTokenizer.from_pretrained(BASE)
mlm_model = AutoModelForMaskedLM.from_pretrained(BASE)
notes = load_dataset("text", data_files={"train": "data/clinical_notes.txt"})["train"]
notes = notes.map(
    lambda b: tokenizer(b["text"], truncation=True, max_length=256),
    batched=True,
    remove_columns=["text"],
)
mlm_args = TrainingArguments(
    output_dir="runs/dapt",
    learning_rate=1e-4,
    num_train_epochs=3,
    per_device_train_batch_size=32,
    warmup_ratio=0.06,
    save_strategy="no",
)
trainer = Trainer(
    model=mlm_model,
    args=mlm_args,
    train_dataset=notes,
    data_collator=DataCollatorForLanguageModeling(tokenizer, mlm_probability=0.15),
)
trainer.train()
trainer.save_model(DAPT_DIR)
tokenizer.save_pretrained(DAPT_DIR)

# Fine-tuning
ner_tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
ner_model = AutoModelForTokenClassification.from_pretrained(DAPT_DIR, num_labels=len(LABELS))
ner = load_dataset("json", data_files={"train": "data/ner_train.jsonl"})["train"]


def tokenize_and_align(batch):
    enc = ner_tokenizer(batch["tokens"], is_split_into_words=True, truncation=True, max_length=256)
    labels = []
    for i, tags in enumerate(batch["tags"]):
        word_ids = enc.word_ids(batch_index=i)
        labels.append([-100 if w is None else tags[w] for w in word_ids])
    enc["labels"] = labels
    return enc


ner = ner.map(tokenize_and_align, batched=True, remove_columns=ner.column_names)
ner_args = TrainingArguments(
    output_dir="runs/ner",
    learning_rate=3e-5,
    num_train_epochs=5,
    per_device_train_batch_size=16,
    weight_decay=0.01,
)
Trainer(
    model=ner_model,
    args=ner_args,
    train_dataset=ner,
    data_collator=DataCollatorForTokenClassification(ner_tokenizer),
    tokenizer=ner_tokenizer,
).train()
