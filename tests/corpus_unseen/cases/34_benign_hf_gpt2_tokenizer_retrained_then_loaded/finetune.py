"""Fine-tune the code GPT-2 on docstring -> function pairs from our style guide."""
import json

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer

CKPT = "checkpoints/gpt2-small-code"
MAX_LEN = 256

tokenizer = AutoTokenizer.from_pretrained(CKPT)
tokenizer.pad_token = tokenizer.eos_token
model = AutoModelForCausalLM.from_pretrained(CKPT).cuda()

with open("data/docstring_pairs.jsonl") as fh:
    pairs = [json.loads(line) for line in fh]
texts = [f'"""{p["docstring"]}"""\n{p["code"]}{tokenizer.eos_token}' for p in pairs]


def collate(batch):
    enc = tokenizer(batch, truncation=True, max_length=MAX_LEN, padding=True, return_tensors="pt")
    labels = enc["input_ids"].masked_fill(enc["attention_mask"] == 0, -100)
    return enc["input_ids"], enc["attention_mask"], labels


loader = DataLoader(texts, batch_size=8, shuffle=True, collate_fn=collate)
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5, betas=(0.9, 0.95), weight_decay=0.1)

model.train()
for epoch in range(3):
    for input_ids, attention_mask, labels in loader:
        out = model(input_ids=input_ids.cuda(), attention_mask=attention_mask.cuda(), labels=labels.cuda())
        out.loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad()
    print(f"epoch {epoch}: {out.loss.item():.4f}")

model.save_pretrained("checkpoints/gpt2-small-code-docstrings")
tokenizer.save_pretrained("checkpoints/gpt2-small-code-docstrings")
