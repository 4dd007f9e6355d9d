"""Pretrain a small GPT-2 from scratch on internal Python code (plain PyTorch loop)."""
import torch
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoTokenizer, GPT2Config, GPT2LMHeadModel

OUT = "checkpoints/gpt2-small-code"
BLOCK = 512
VOCAB = 32000

corpus = load_dataset("text", data_files={"train": "data/code_corpus.txt"})["train"]
base_tok = AutoTokenizer.from_pretrained("gpt2")
tokenizer = base_tok.train_new_from_iterator((corpus[i : i + 1000]["text"] for i in range(0, len(corpus), 1000)), VOCAB)
tokenizer.pad_token = tokenizer.eos_token


def chunk(batch):
    ids = sum(tokenizer(batch["text"])["input_ids"], [])
    blocks = [ids[i : i + BLOCK] for i in range(0, len(ids) - BLOCK + 1, BLOCK)]
    return {"input_ids": blocks}


blocks = corpus.map(chunk, batched=True, remove_columns=["text"]).with_format("torch")
loader = DataLoader(blocks, batch_size=16, shuffle=True)

config = GPT2Config(vocab_size=len(tokenizer), n_positions=1024, n_embd=768, n_layer=12, n_head=12)
model = GPT2LMHeadModel(config).cuda()
optimizer = torch.optim.AdamW(model.parameters(), lr=6e-4, betas=(0.9, 0.95), weight_decay=0.1)

model.train()
for step, batch in enumerate(loader):
    input_ids = batch["input_ids"].cuda()
    loss = model(input_ids=input_ids, labels=input_ids).loss
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    optimizer.zero_grad()
    if step % 1000 == 0:
        print(step, loss.item())

model.save_pretrained(OUT)
tokenizer.save_pretrained(OUT)
