"""Self-supervised next-event prediction on app clickstreams."""
import logging
from dataclasses import dataclass

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

logger = logging.getLogger("events")


@dataclass
class EncoderConfig:
    n_event_types: int = 4096
    max_len: int = 256
    d_model: int = 256
    n_heads: int = 8
    n_layers: int = 4
    ff_dim: int = 1024
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


def main():
    logging.basicConfig(level=logging.INFO)
    cfg = EncoderConfig()
    sequences = torch.load("data/clickstream_ids.pt")  # LongTensor [N, max_len]
    loader = DataLoader(sequences, batch_size=128, shuffle=True, drop_last=True)
    encoder = EventEncoder(cfg).cuda()
    lm_head = nn.Linear(cfg.d_model, cfg.n_event_types).cuda()
    params = list(encoder.parameters()) + list(lm_head.parameters())
    optimizer = torch.optim.AdamW(params, lr=5e-4, weight_decay=0.1)
    criterion = nn.CrossEntropyLoss(ignore_index=0)

    for epoch in range(20):
        total, steps = 0.0, 0
        for ids in loader:
            ids = ids.cuda()
            logits = lm_head(encoder(ids[:, :-1]))
            loss = criterion(logits.reshape(-1, cfg.n_event_types), ids[:, 1:].reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            total, steps = total + loss.item(), steps + 1
        logger.info("epoch %d next-event loss %.4f", epoch, total / steps)
    torch.save(encoder.state_dict(), "ckpt/event_encoder.pt")


if __name__ == "__main__":
    main()
