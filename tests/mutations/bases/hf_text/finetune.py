from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")  # [tok]
model = AutoModelForSequenceClassification.from_pretrained("mlm-legal/final", num_labels=3)  # [model]
train = labelled.map(lambda b: tokenizer(b["text"], truncation=True, max_length=256),
                     batched=True)
args = TrainingArguments("clf-legal", learning_rate=2e-5, num_train_epochs=3)  # [lr]
trainer = Trainer(model=model, args=args, train_dataset=train, tokenizer=tokenizer)
trainer.train()
