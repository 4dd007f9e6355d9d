"""Stage 2: duplicate-question detection on the internal FAQ data, starting from the QQP model."""
import logging
from dataclasses import dataclass

import torch
from datasets import load_dataset
from sklearn.metrics import f1_score
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer

logger = logging.getLogger(__name__)


@dataclass
class FinetuneConfig:
    pretrained_dir: str = "artifacts/electra-qqp"
    output_dir: str = "artifacts/electra-faq-dupes"
    max_length: int = 160
    lr: float = 2e-5
    batch_size: int = 32
    epochs: int = 3


def main(cfg: FinetuneConfig):
    device = torch.device("cuda")
    tokenizer = AutoTokenizer.from_pretrained(cfg.pretrained_dir)
    model = AutoModelForSequenceClassification.from_pretrained(cfg.pretrained_dir).to(device)

    raw = load_dataset("csv", data_files={"train": "data/faq_pairs/train.csv", "test": "data/faq_pairs/test.csv"})
    enc = raw.map(
        lambda b: tokenizer(b["q1"], b["q2"], truncation=True, padding="max_length", max_length=cfg.max_length),
        batched=True,
    ).rename_column("is_duplicate", "labels")
    enc.set_format("torch", columns=["input_ids", "attention_mask", "token_type_ids", "labels"])
    train_dl = DataLoader(enc["train"], batch_size=cfg.batch_size, shuffle=True)
    test_dl = DataLoader(enc["test"], batch_size=128)

    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=0.01)
    for epoch in range(cfg.epochs):
        model.train()
        for batch in train_dl:
            loss = model(**{k: v.to(device) for k, v in batch.items()}).loss
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
        model.eval()
        preds, gold = [], []
        with torch.no_grad():
            for batch in test_dl:
                gold += batch.pop("labels").tolist()
                preds += model(**{k: v.to(device) for k, v in batch.items()}).logits.argmax(-1).tolist()
        logger.info("epoch %d test F1 %.4f", epoch, f1_score(gold, preds))
    model.save_pretrained(cfg.output_dir)
    tokenizer.save_pretrained(cfg.output_dir)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main(FinetuneConfig())
