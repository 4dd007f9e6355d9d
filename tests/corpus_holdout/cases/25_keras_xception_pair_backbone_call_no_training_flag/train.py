"""Stage 1: train a classification head on a frozen Xception (bird species)."""
import logging

import keras
from keras import layers

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("birds-head")

IMAGE_SIZE = (299, 299)
NUM_CLASSES = 200


def build_model():
    backbone = keras.applications.Xception(include_top=False, weights="imagenet", input_shape=IMAGE_SIZE + (3,))
    backbone.trainable = False
    inputs = keras.Input(shape=IMAGE_SIZE + (3,), name="image")
    x = keras.applications.xception.preprocess_input(inputs)
    x = backbone(x)
    x = layers.GlobalAveragePooling2D(name="pool")(x)
    x = layers.Dropout(0.4)(x)
    outputs = layers.Dense(NUM_CLASSES, activation="softmax", name="species")(x)
    return keras.Model(inputs, outputs), backbone


def main():
    train_ds = keras.utils.image_dataset_from_directory("data/cub200/train", image_size=IMAGE_SIZE, batch_size=32)
    val_ds = keras.utils.image_dataset_from_directory("data/cub200/val", image_size=IMAGE_SIZE, batch_size=32)
    flip = layers.RandomFlip("horizontal")
    train_ds = train_ds.map(lambda x, y: (flip(x, training=True), y)).prefetch(8)

    model, _ = build_model()
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=1e-3),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    history = model.fit(train_ds, validation_data=val_ds, epochs=15)
    logger.info("head val accuracy %.4f", history.history["val_accuracy"][-1])
    model.save_weights("weights/cub_xception_head.weights.h5")


if __name__ == "__main__":
    main()
