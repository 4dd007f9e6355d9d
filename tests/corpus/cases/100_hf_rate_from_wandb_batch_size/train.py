from datasets import load_dataset
from transformers import (AutoModelForMaskedLM, AutoTokenizer, DataCollatorForLanguageModeling,
                          Trainer, TrainingArguments)

tokenizer = AutoTokenizer.from_pretrained("camembert-base")
model = AutoModelForMaskedLM.from_pretrained("camembert-base")
corpus = load_dataset("text", data_files={"train": "data/forum_posts.txt"})["train"]
corpus = corpus.map(lambda rows: tokenizer(rows["text"], truncation=True, max_length=128),
                    batched=True, remove_columns=["text"])
args = TrainingArguments(output_dir="runs/forum-mlm", learning_rate=5e-5,
                         per_device_train_batch_size=32, num_train_epochs=3)
collator = DataCollatorForLanguageModeling(tokenizer, mlm_probability=0.15)
Trainer(model=model, args=args, train_dataset=corpus, data_collator=collator).train()
model.save_pretrained("runs/forum-mlm/final")
tokenizer.save_pretrained("runs/forum-mlm/final")
