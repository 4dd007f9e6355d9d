import argparse

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pretrained", default="mlm/bert-legal")
    parser.add_argument("--out", default="cls/bert-legal-contracts")
    parser.add_argument("--lr", type=float, default=2e-5)
    parser.add_argument("--max_len", type=int, default=256)
    args = parser.parse_args()

    tokenizer = AutoTokenizer.from_pretrained(args.pretrained)
    model = AutoModelForSequenceClassification.from_pretrained(args.pretrained, num_labels=12)
    rows = [line.rstrip("\n").split("\t") for line in open("data/contracts.tsv")]
    texts, labels = [r[1] for r in rows], [int(r[0]) for r in rows]

    def collate(idx):
        enc = tokenizer([texts[i] for i in idx], truncation=True, max_length=args.max_len,
                        padding=True, return_tensors="pt")
        enc["labels"] = torch.tensor([labels[i] for i in idx])
        return enc

    loader = DataLoader(list(range(len(texts))), batch_size=16, shuffle=True, collate_fn=collate)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)
    model.train()
    for epoch in range(3):
        for batch in loader:
            model(**batch).loss.backward()
            optimizer.step()
            optimizer.zero_grad()
    model.save_pretrained(args.out)
    tokenizer.save_pretrained(args.out)


if __name__ == "__main__":
    main()
