import torch
from torch.optim import AdamW
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

MODEL_NAME = "bert-base-uncased"
SAVE_DIR = "checkpoints/qnli-bert"
MAX_LEN = 128
LR = 3e-5
EPOCHS = 2


def collate(batch, tokenizer):
    enc = tokenizer([b["question"] for b in batch], [b["sentence"] for b in batch],
                    truncation=True, max_length=MAX_LEN, padding="max_length", return_tensors="pt")
    enc["labels"] = torch.tensor([b["label"] for b in batch])
    return enc


def main(train_rows):
    tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)
    model = AutoModelForSequenceClassification.from_pretrained(MODEL_NAME, num_labels=2)
    loader = DataLoader(train_rows, batch_size=32, shuffle=True, collate_fn=lambda b: collate(b, tokenizer))
    optimizer = AdamW(model.parameters(), lr=LR, weight_decay=0.01)
    scheduler = get_linear_schedule_with_warmup(optimizer, 500, len(loader) * EPOCHS)
    model.train()
    for _ in range(EPOCHS):
        for batch in loader:
            loss = model(**batch).loss
            loss.backward()
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
    model.save_pretrained(SAVE_DIR)
    tokenizer.save_pretrained(SAVE_DIR)


if __name__ == "__main__":
    import json
    main(json.load(open("data/qnli_train.json")))
