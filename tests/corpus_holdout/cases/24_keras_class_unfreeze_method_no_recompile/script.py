"""Aerial scene classification with a ResNet50V2 backbone: head first, then the whole network."""
import logging

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("aerial")

CONFIG = {
    "data": {"dir": "data/aid_scenes", "image_size": (224, 224), "batch_size": 32},
    "head": {"lr": 1e-3, "epochs": 10},
    "finetune": {"lr": 1e-5, "epochs": 15},
}


class TransferTrainer:
    def __init__(self, cfg):
        self.cfg = cfg
        size = cfg["data"]["image_size"]
        self.train_ds, self.val_ds = keras.utils.image_dataset_from_directory(
            cfg["data"]["dir"], image_size=size, batch_size=cfg["data"]["batch_size"],
            validation_split=0.2, subset="both", seed=123,
        )
        self.num_classes = len(self.train_ds.class_names)
        self.base = keras.applications.ResNet50V2(include_top=False, weights="imagenet", input_shape=size + (3,))
        self.base.trainable = False
        self.model = self.build(size)

    def build(self, size):
        inputs = keras.Input(shape=size + (3,))
        x = layers.RandomFlip("horizontal_and_vertical")(inputs)
        x = layers.RandomRotation(0.25)(x)
        x = keras.applications.resnet_v2.preprocess_input(x)
        x = self.base(x, training=False)
        x = layers.GlobalAveragePooling2D()(x)
        x = layers.Dropout(0.3)(x)
        outputs = layers.Dense(self.num_classes, activation="softmax")(x)
        return keras.Model(inputs, outputs)

    def compile_model(self, lr):
        self.model.compile(
            optimizer=keras.optimizers.Adam(learning_rate=lr),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )

    def fit(self, epochs, initial_epoch=0):
        hist = self.model.fit(self.train_ds, validation_data=self.val_ds, epochs=epochs, initial_epoch=initial_epoch)
        logger.info("best val accuracy: %.4f", max(hist.history["val_accuracy"]))
        return hist

    def unfreeze(self, lr):
        self.base.trainable = True
        self.model.optimizer.learning_rate.assign(lr)
        logger.info("trainable weights after unfreezing: %d", len(self.model.trainable_weights))

    def run(self):
        self.compile_model(self.cfg["head"]["lr"])
        self.fit(self.cfg["head"]["epochs"])
        self.unfreeze(self.cfg["finetune"]["lr"])
        total = self.cfg["head"]["epochs"] + self.cfg["finetune"]["epochs"]
        self.fit(total, initial_epoch=self.cfg["head"]["epochs"])
        loss, acc = self.model.evaluate(self.val_ds)
        logger.info("final val loss %.4f accuracy %.4f", loss, acc)
        self.model.save("models/aid_resnet50v2.keras")


if __name__ == "__main__":
    tf.keras.utils.set_random_seed(123)
    TransferTrainer(CONFIG).run()
