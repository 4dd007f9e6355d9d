"""Fine-tune the intent LSTM on our bank's chatbot transcripts (short messages)."""
import json

import lightning.pytorch as pl
import pandas as pd
import spacy
import torch
import torch.nn as nn
from torch.utils.data import DataLoader

SEQ_LEN = 128
nlp = spacy.load("en_core_web_sm", disable=["parser", "ner", "lemmatizer"])


def to_tokens(message):
    doc = nlp(message)
    return [tok.lower_ for tok in doc if not tok.is_punct and not tok.is_space]


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


with open("artifacts/vocab.json") as f:
    word2id = json.load(f)

transcripts = pd.read_csv("data/bank_chatbot_intents.csv")


def to_ids(message):
    ids = [word2id.get(tok, 1) for tok in to_tokens(message)][:SEQ_LEN]
    return torch.tensor(ids + [0] * (SEQ_LEN - len(ids)))


samples = [(to_ids(m), int(y)) for m, y in zip(transcripts["message"], transcripts["intent_id"])]
loader = DataLoader(samples, batch_size=32, shuffle=True)
model = IntentLSTM.load_from_checkpoint("artifacts/intent_lstm.ckpt", lr=1e-4)
trainer = pl.Trainer(max_epochs=4, accelerator="auto")
trainer.fit(model, loader)
trainer.save_checkpoint("artifacts/intent_lstm_bank.ckpt")
