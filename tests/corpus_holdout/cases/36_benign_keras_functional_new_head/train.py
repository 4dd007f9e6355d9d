"""Birds of Europe: EfficientNetB0 feature extractor + embedding head."""
import logging

import keras
from keras import layers

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("birds-eu")

IMG_SIZE = (224, 224)


def make_datasets():
    train = keras.utils.image_dataset_from_directory("data/birds_eu/train", image_size=IMG_SIZE, batch_size=64)
    val = keras.utils.image_dataset_from_directory("data/birds_eu/val", image_size=IMG_SIZE, batch_size=64)
    return train, val


def build(num_classes):
    base = keras.applications.EfficientNetB0(include_top=False, weights="imagenet", input_shape=IMG_SIZE + (3,))
    base.trainable = False
    inputs = keras.Input(shape=IMG_SIZE + (3,), name="pixels")
    x = layers.RandomFlip("horizontal")(inputs)
    x = base(x, training=False)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dense(256, activation="relu", name="embedding")(x)
    x = layers.Dropout(0.3)(x)
    outputs = layers.Dense(num_classes, activation="softmax", name="species")(x)
    return keras.Model(inputs, outputs)


def main():
    train_ds, val_ds = make_datasets()
    model = build(len(train_ds.class_names))
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(train_ds, validation_data=val_ds, epochs=20,
                        callbacks=[keras.callbacks.EarlyStopping(patience=4, restore_best_weights=True)])
    logger.info("best val accuracy %.4f", max(history.history["val_accuracy"]))
    model.save("models/birds_eu_effb0.keras")


if __name__ == "__main__":
    main()
