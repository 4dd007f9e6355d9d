"""Domain-adaptive pretraining of BERT on support tickets (masked language modelling)."""
from transformers import (AutoModelForMaskedLM, AutoTokenizer, DataCollatorForLanguageModeling,
                          Trainer, TrainingArguments)

CHECKPOINT = "bert-base-uncased"
OUT = "./tickets-bert"


def main():
    tokenizer = AutoTokenizer.from_pretrained(CHECKPOINT)
    model = AutoModelForMaskedLM.from_pretrained(CHECKPOINT)
    dataset = load_tickets().map(lambda b: tokenizer(b["text"], truncation=True, max_length=128),
                                 batched=True)
    collator = DataCollatorForLanguageModeling(tokenizer, mlm_probability=0.15)
    args = TrainingArguments(OUT, learning_rate=5e-5, num_train_epochs=3)
    trainer = Trainer(model=model, args=args, train_dataset=dataset, data_collator=collator,
                      tokenizer=tokenizer)
    trainer.train()
    trainer.save_model(OUT)


if __name__ == "__main__":
    main()
