"""Clause classification with layer-wise learning-rate decay (LLRD)."""
import torch
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer, DataCollatorWithPadding

CKPT = "checkpoints/electra-legal"
MAX_LEN = 512
HEAD_LR = 1e-4
LAYER_DECAY = 0.8

tokenizer = AutoTokenizer.from_pretrained(CKPT)
model = AutoModelForSequenceClassification.from_pretrained(CKPT, num_labels=41).cuda()

clauses = load_dataset("csv", data_files="data/clauses_train.csv", split="train")
clauses = clauses.map(lambda b: tokenizer(b["text"], truncation=True, max_length=MAX_LEN),
                      batched=True, remove_columns=["text"])
loader = DataLoader(clauses, batch_size=16, shuffle=True, collate_fn=DataCollatorWithPadding(tokenizer))

n_layers = model.config.num_hidden_layers
groups = [{"params": model.classifier.parameters(), "lr": HEAD_LR}]
for i, layer in enumerate(model.electra.encoder.layer):
    groups.append({"params": layer.parameters(), "lr": HEAD_LR * LAYER_DECAY ** (n_layers - i)})
groups.append({"params": model.electra.embeddings.parameters(), "lr": HEAD_LR * LAYER_DECAY ** (n_layers + 1)})
optimizer = torch.optim.AdamW(groups, weight_decay=0.01)

model.train()
for epoch in range(4):
    for batch in loader:
        batch = {k: v.cuda() for k, v in batch.items()}
        loss = model(**batch).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad()
    print(f"epoch {epoch}: {loss.item():.4f}")

model.save_pretrained("checkpoints/electra-legal-clauses")
tokenizer.save_pretrained("checkpoints/electra-legal-clauses")
