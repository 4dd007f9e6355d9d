from transformers import AutoImageProcessor, Trainer, TrainingArguments, ViTForImageClassification

processor = AutoImageProcessor.from_pretrained("vit-food/final")
model = ViTForImageClassification.from_pretrained("vit-food/final", num_labels=12,
                                                  ignore_mismatched_sizes=True)  # [model]


def transform(batch):
    inputs = processor([img.convert("RGB") for img in batch["image"]], return_tensors="pt")
    inputs["labels"] = batch["label"]
    return inputs


bakery = load_dataset("imagefolder", data_dir="bakery").with_transform(transform)
args = TrainingArguments("vit-bakery", learning_rate=2e-5, per_device_train_batch_size=16)  # [lr]
Trainer(model=model, args=args, train_dataset=bakery).train()
