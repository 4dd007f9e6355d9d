from transformers import AutoImageProcessor, Trainer, TrainingArguments, ViTForImageClassification

processor = AutoImageProcessor.from_pretrained("google/vit-base-patch16-224-in21k")  # [tok]
model = ViTForImageClassification.from_pretrained("google/vit-base-patch16-224-in21k",
                                                  num_labels=101)


def transform(batch):
    inputs = processor([img.convert("RGB") for img in batch["image"]], return_tensors="pt")
    inputs["labels"] = batch["label"]
    return inputs


food = load_dataset("food101", split="train").with_transform(transform)
args = TrainingArguments("vit-food", learning_rate=2e-4, per_device_train_batch_size=32)  # [lr]
Trainer(model=model, args=args, train_dataset=food).train()
model.save_pretrained("vit-food/final")
processor.save_pretrained("vit-food/final")
