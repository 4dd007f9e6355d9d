"""Continued MLM pretraining of ELECTRA-base on legal contracts."""
import torch
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoModelForMaskedLM, AutoTokenizer, DataCollatorForLanguageModeling

BASE = "google/electra-base-generator"
OUT_DIR = "checkpoints/electra-legal"
MAX_LEN = 512

tokenizer = AutoTokenizer.from_pretrained(BASE)
model = AutoModelForMaskedLM.from_pretrained(BASE).cuda()

contracts = load_dataset("text", data_files="data/contracts/*.txt", split="train")
contracts = contracts.map(lambda b: tokenizer(b["text"], truncation=True, max_length=MAX_LEN),
                          batched=True, remove_columns=["text"])
collator = DataCollatorForLanguageModeling(tokenizer, mlm_probability=0.15)
loader = DataLoader(contracts, batch_size=16, shuffle=True, collate_fn=collator)

optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.01)
model.train()
for epoch in range(2):
    for step, batch in enumerate(loader):
        batch = {k: v.cuda() for k, v in batch.items()}
        loss = model(**batch).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        if step % 200 == 0:
            print(epoch, step, loss.item())

model.save_pretrained(OUT_DIR)
tokenizer.save_pretrained(OUT_DIR)
