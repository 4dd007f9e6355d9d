"""Pretrain an LSTM intent encoder on public chat logs with Lightning and spaCy."""
import json

import lightning.pytorch as pl
import pandas as pd
import spacy
import torch
import torch.nn as nn
from torch.utils.data import DataLoader

MAX_LEN = 256
nlp = spacy.load("en_core_web_sm", disable=["parser", "ner", "lemmatizer"])


def spacy_tokens(text):
    return [t.lower_ for t in nlp(text) if not t.is_punct and not t.is_space]


class IntentLSTM(pl.LightningModule):
    def __init__(self, vocab_size, n_intents=30, lr=1e-3):
        super().__init__()
        self.save_hyperparameters()
        self.emb = nn.Embedding(vocab_size, 200, padding_idx=0)
        self.lstm = nn.LSTM(200, 256, num_layers=2, batch_first=True, dropout=0.2)
        self.out = nn.Linear(256, n_intents)

    def forward(self, ids):
        _, (h, _) = self.lstm(self.emb(ids))
        return self.out(h[-1])

    def training_step(self, batch, _):
        ids, y = batch
        return nn.functional.cross_entropy(self(ids), y)

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.hparams.lr)


logs = pd.read_csv("data/public_chat_intents.csv")
tokenized = [spacy_tokens(t) for t in logs["utterance"]]
vocab = {"<pad>": 0, "<unk>": 1}
for toks in tokenized:
    for tok in toks:
        vocab.setdefault(tok, len(vocab))
with open("artifacts/vocab.json", "w") as f:
    json.dump(vocab, f)


def encode(toks):
    ids = [vocab.get(t, 1) for t in toks][:MAX_LEN]
    return torch.tensor(ids + [0] * (MAX_LEN - len(ids)))


data = [(encode(t), int(y)) for t, y in zip(tokenized, logs["intent_id"])]
loader = DataLoader(data, batch_size=64, shuffle=True)
model = IntentLSTM(len(vocab))
trainer = pl.Trainer(max_epochs=10, accelerator="auto")
trainer.fit(model, loader)
trainer.save_checkpoint("artifacts/intent_lstm.ckpt")
