import logging
from dataclasses import dataclass

from tensorflow import keras

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("xray-finetune")


@dataclass
class FinetuneConfig:
    train_dir: str = "data/wrist_xray/train"
    val_dir: str = "data/wrist_xray/val"
    image_size: tuple = (224, 224)
    batch_size: int = 32
    learning_rate: float = 1e-5
    epochs: int = 10
    pretrained: str = "models/wrist_fracture_head.keras"
    output: str = "models/wrist_fracture_full.keras"


def main(cfg: FinetuneConfig = FinetuneConfig()):
    train_ds = keras.utils.image_dataset_from_directory(
        cfg.train_dir, image_size=cfg.image_size, batch_size=cfg.batch_size, label_mode="binary"
    )
    val_ds = keras.utils.image_dataset_from_directory(
        cfg.val_dir, image_size=cfg.image_size, batch_size=cfg.batch_size, label_mode="binary"
    )
    model = keras.models.load_model(cfg.pretrained)
    model.get_layer("resnet50").trainable = True

    model.compile(optimizer=keras.optimizers.Adam(learning_rate=cfg.learning_rate), loss="binary_crossentropy",
                  metrics=[keras.metrics.AUC(name="auc")])
    model.fit(train_ds, validation_data=val_ds, epochs=cfg.epochs,
              callbacks=[keras.callbacks.EarlyStopping(monitor="val_auc", mode="max", patience=3,
                                                       restore_best_weights=True)])
    logger.info("val: %s", model.evaluate(val_ds, return_dict=True))
    model.save(cfg.output)


if __name__ == "__main__":
    main()
