import logging

import numpy as np
import torch
from datasets import load_dataset
from sklearn.metrics import f1_score
from sklearn.utils.class_weight import compute_class_weight
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

logger = logging.getLogger("toxicity")

CHECKPOINT = "roberta-base"
OUTPUT_DIR = "runs/roberta-toxicity"
MAX_LEN = 128
NUM_LABELS = 3  # 0 = ok, 1 = offensive, 2 = hate


class WeightedTrainer(Trainer):
    def __init__(self, *args, class_weights=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.class_weights = class_weights

    def compute_loss(self, model, inputs, return_outputs=False, **kwargs):
        labels = inputs.pop("labels")
        outputs = model(**inputs)
        loss_fct = torch.nn.CrossEntropyLoss(weight=self.class_weights.to(outputs.logits.device))
        loss = loss_fct(outputs.logits.view(-1, NUM_LABELS), labels.view(-1))
        return (loss, outputs) if return_outputs else loss


def macro_f1(p):
    return {"macro_f1": f1_score(p.label_ids, np.argmax(p.predictions, -1), average="macro")}


def main():
    logging.basicConfig(level=logging.INFO)
    tokenizer = AutoTokenizer.from_pretrained(CHECKPOINT)
    model = AutoModelForSequenceClassification.from_pretrained(CHECKPOINT, num_labels=NUM_LABELS)
    ds = load_dataset("csv", data_files={"train": "data/forum_posts/train.csv", "dev": "data/forum_posts/dev.csv"})
    ds = ds.map(lambda b: tokenizer(b["text"], truncation=True, padding="max_length", max_length=MAX_LEN), batched=True)

    labels = np.array(ds["train"]["label"])
    weights = compute_class_weight("balanced", classes=np.arange(NUM_LABELS), y=labels)
    logger.info("class weights %s", weights.round(3))

    args = TrainingArguments(
        output_dir=OUTPUT_DIR,
        learning_rate=2e-5,
        per_device_train_batch_size=32,
        num_train_epochs=3,
        evaluation_strategy="epoch",
        save_strategy="no",
    )
    trainer = WeightedTrainer(
        model=model,
        args=args,
        train_dataset=ds["train"],
        eval_dataset=ds["dev"],
        compute_metrics=macro_f1,
        class_weights=torch.tensor(weights, dtype=torch.float),
    )
    trainer.train()
    logger.info("dev %s", trainer.evaluate())
    trainer.save_model(OUTPUT_DIR)
    tokenizer.save_pretrained(OUTPUT_DIR)


if __name__ == "__main__":
    main()
