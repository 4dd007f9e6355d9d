from transformers import (
                          AutoModelForMaskedLM,
                          AutoTokenizer,
                          DataCollatorForLanguageModeling,
                          Trainer,
                          TrainingArguments,
)

CHECKPOINT = "bert-base-uncased"
tokenizer = AutoTokenizer.from_pretrained(CHECKPOINT)  # [tok]
model = AutoModelForMaskedLM.from_pretrained(CHECKPOINT)
corpus = raw.map(lambda b: tokenizer(b["text"], truncation=True, max_length=256), batched=True)
args = TrainingArguments("mlm-legal", learning_rate=5e-5, num_train_epochs=2)  # [lr]
trainer = Trainer(model=model, args=args, train_dataset=corpus,
                  data_collator=DataCollatorForLanguageModeling(tokenizer))
trainer.train()
trainer.save_model("mlm-legal/final")
