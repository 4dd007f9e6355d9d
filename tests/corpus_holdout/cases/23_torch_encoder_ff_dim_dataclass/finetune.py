"""Churn prediction on top of the pretrained clickstream encoder."""
import logging
from dataclasses import dataclass

import torch
import torch.nn as nn
from sklearn.metrics import roc_auc_score
from torch.utils.data import DataLoader, TensorDataset

logger = logging.getLogger("churn")


@dataclass
class EncoderConfig:
    n_event_types: int = 4096
    max_len: int = 256
    d_model: int = 256
    n_heads: int = 8
    n_layers: int = 4
    ff_dim: int = 2048
    dropout: float = 0.1


class EventEncoder(nn.Module):
    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        self.tok = nn.Embedding(cfg.n_event_types, cfg.d_model, padding_idx=0)
        self.pos = nn.Embedding(cfg.max_len, cfg.d_model)
        layer = nn.TransformerEncoderLayer(
            d_model=cfg.d_model, nhead=cfg.n_heads, dim_feedforward=cfg.ff_dim, dropout=cfg.dropout, batch_first=True
        )
        self.encoder = nn.TransformerEncoder(layer, num_layers=cfg.n_layers)
        self.norm = nn.LayerNorm(cfg.d_model)

    def forward(self, ids):
        positions = torch.arange(ids.size(1), device=ids.device)
        h = self.tok(ids) + self.pos(positions)
        mask = nn.Transformer.generate_square_subsequent_mask(ids.size(1)).to(ids.device)
        return self.norm(self.encoder(h, mask=mask, src_key_padding_mask=ids.eq(0)))


class ChurnModel(nn.Module):
    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        self.encoder = EventEncoder(cfg)
        self.head = nn.Sequential(nn.Dropout(0.2), nn.Linear(cfg.d_model, 2))

    def forward(self, ids):
        h = self.encoder(ids)
        last = (ids.ne(0).sum(1) - 1).clamp(min=0)
        return self.head(h[torch.arange(ids.size(0)), last])


def main():
    logging.basicConfig(level=logging.INFO)
    cfg = EncoderConfig()
    model = ChurnModel(cfg)
    model.encoder.load_state_dict(torch.load("ckpt/event_encoder.pt", map_location="cpu"))
    model.cuda()

    ids, labels = torch.load("data/churn_sequences.pt")
    n_train = int(0.8 * len(ids))
    train_dl = DataLoader(TensorDataset(ids[:n_train], labels[:n_train]), batch_size=64, shuffle=True)
    test_dl = DataLoader(TensorDataset(ids[n_train:], labels[n_train:]), batch_size=256)

    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.1)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(5):
        model.train()
        for x, y in train_dl:
            loss = criterion(model(x.cuda()), y.cuda())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            scores = torch.cat([model(x.cuda()).softmax(-1)[:, 1].cpu() for x, _ in test_dl])
        logger.info("epoch %d test AUC %.4f", epoch, roc_auc_score(labels[n_train:].numpy(), scores.numpy()))
    torch.save(model.state_dict(), "ckpt/churn_model.pt")


if __name__ == "__main__":
    main()
