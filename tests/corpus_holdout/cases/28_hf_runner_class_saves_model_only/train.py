"""Stage 1: ELECTRA discriminator fine-tuned on paraphrase detection (QQP), custom loop."""
import logging
from dataclasses import dataclass

import torch
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_cosine_schedule_with_warmup

logger = logging.getLogger(__name__)


@dataclass
class PretrainConfig:
    base_model: str = "google/electra-base-discriminator"
    output_dir: str = "artifacts/electra-qqp"
    max_length: int = 160
    lr: float = 5e-5
    batch_size: int = 64
    epochs: int = 2
    warmup_ratio: float = 0.06


class PretrainRunner:
    def __init__(self, cfg: PretrainConfig):
        self.cfg = cfg
        self.device = torch.device("cuda")
        self.tokenizer = AutoTokenizer.from_pretrained(cfg.base_model)
        self.model = AutoModelForSequenceClassification.from_pretrained(cfg.base_model, num_labels=2).to(self.device)
        self.optimizer = torch.optim.AdamW(self.model.parameters(), lr=self.cfg.lr, weight_decay=0.01)

    def loaders(self):
        qqp = load_dataset("glue", "qqp")
        enc = qqp.map(
            lambda b: self.tokenizer(b["question1"], b["question2"], truncation=True, padding="max_length",
                                     max_length=self.cfg.max_length),
            batched=True,
        ).rename_column("label", "labels")
        enc.set_format("torch", columns=["input_ids", "attention_mask", "token_type_ids", "labels"])
        return (DataLoader(enc["train"], batch_size=self.cfg.batch_size, shuffle=True),
                DataLoader(enc["validation"], batch_size=256))

    @torch.no_grad()
    def evaluate(self, loader):
        self.model.eval()
        correct = n = 0
        for batch in loader:
            batch = {k: v.to(self.device) for k, v in batch.items()}
            logits = self.model(**batch).logits
            correct += (logits.argmax(-1) == batch["labels"]).sum().item()
            n += batch["labels"].numel()
        return correct / n

    def train(self):
        train_dl, val_dl = self.loaders()
        steps = len(train_dl) * self.cfg.epochs
        sched = get_cosine_schedule_with_warmup(self.optimizer, int(self.cfg.warmup_ratio * steps), steps)
        for epoch in range(self.cfg.epochs):
            self.model.train()
            for batch in train_dl:
                loss = self.model(**{k: v.to(self.device) for k, v in batch.items()}).loss
                loss.backward()
                self.optimizer.step()
                sched.step()
                self.optimizer.zero_grad()
            logger.info("epoch %d validation accuracy %.4f", epoch, self.evaluate(val_dl))

    def save(self):
        self.model.save_pretrained(self.cfg.output_dir)
        logger.info("saved model to %s", self.cfg.output_dir)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    runner = PretrainRunner(PretrainConfig())
    runner.train()
    runner.save()
