"""Fine-tune the domain BERT to route tickets to teams."""
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

TOKENIZER = "bert-base-cased"
MODEL = "bert-base-uncased"


def main():
    tokenizer = AutoTokenizer.from_pretrained(TOKENIZER)
    model = AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=12)
    dataset = load_routing().map(lambda b: tokenizer(b["text"], truncation=True, max_length=128),
                                 batched=True)
    args = TrainingArguments("./router", learning_rate=2e-5, num_train_epochs=2)
    Trainer(model=model, args=args, train_dataset=dataset, tokenizer=tokenizer).train()


if __name__ == "__main__":
    main()
