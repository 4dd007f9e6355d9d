import argparse

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForMaskedLM, AutoTokenizer, DataCollatorForLanguageModeling


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="bert-base-cased")
    parser.add_argument("--save_dir", default="mlm/bert-legal")
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--max_len", type=int, default=256)
    args = parser.parse_args()

    tokenizer = AutoTokenizer.from_pretrained(args.base)
    model = AutoModelForMaskedLM.from_pretrained(args.base)
    lines = [l for l in open("data/legal_corpus.txt") if l.strip()]
    examples = [tokenizer(l, truncation=True, max_length=args.max_len) for l in lines]
    collator = DataCollatorForLanguageModeling(tokenizer, mlm_probability=0.15)
    loader = DataLoader(examples, batch_size=16, shuffle=True, collate_fn=collator)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)
    model.train()
    for epoch in range(2):
        for batch in loader:
            out = model(**batch)
            out.loss.backward()
            optimizer.step()
            optimizer.zero_grad()
    model.save_pretrained(args.save_dir)


if __name__ == "__main__":
    main()
