"""Food-101 subset: EfficientNetB0 transfer learning (head first, then the top blocks)."""
import logging

import keras
from keras import layers

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("food")

IMG_SIZE = 224
BATCH = 64
NUM_CLASSES = 30


def load_data():
    train = keras.utils.image_dataset_from_directory(
        "data/food30/train", image_size=(IMG_SIZE, IMG_SIZE), batch_size=BATCH, label_mode="categorical", seed=7
    )
    val = keras.utils.image_dataset_from_directory(
        "data/food30/val", image_size=(IMG_SIZE, IMG_SIZE), batch_size=BATCH, label_mode="categorical"
    )
    return train.prefetch(4), val.prefetch(4)


def build_model():
    augment = keras.Sequential(
        [layers.RandomFlip("horizontal"), layers.RandomRotation(0.1), layers.RandomZoom(0.15)], name="augment"
    )
    base = keras.applications.EfficientNetB0(include_top=False, weights="imagenet", input_shape=(IMG_SIZE, IMG_SIZE, 3))
    base.trainable = False

    inputs = keras.Input(shape=(IMG_SIZE, IMG_SIZE, 3))
    x = augment(inputs)
    x = layers.Rescaling(1.0 / 255)(x)
    x = base(x, training=False)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.BatchNormalization()(x)
    x = layers.Dropout(0.3)(x)
    outputs = layers.Dense(NUM_CLASSES, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="food_effnet"), base


def main():
    train_ds, val_ds = load_data()
    model, base = build_model()

    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=1e-3),
        loss="categorical_crossentropy",
        metrics=["accuracy", keras.metrics.TopKCategoricalAccuracy(k=5, name="top5")],
    )
    head_hist = model.fit(train_ds, validation_data=val_ds, epochs=8)
    logger.info("head phase: best val acc %.3f", max(head_hist.history["val_accuracy"]))

    base.trainable = True
    for layer in base.layers[:-40]:
        layer.trainable = False
    for layer in base.layers:
        if isinstance(layer, layers.BatchNormalization):
            layer.trainable = False

    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=1e-5),
        loss="categorical_crossentropy",
        metrics=["accuracy", keras.metrics.TopKCategoricalAccuracy(k=5, name="top5")],
    )
    callbacks = [keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=3, restore_best_weights=True)]
    ft_hist = model.fit(train_ds, validation_data=val_ds, epochs=20, initial_epoch=8, callbacks=callbacks)
    logger.info("fine-tune phase: best val acc %.3f", max(ft_hist.history["val_accuracy"]))
    loss, acc, top5 = model.evaluate(val_ds)
    logger.info("final: loss %.3f acc %.3f top5 %.3f", loss, acc, top5)
    model.save("models/food30_effb0.keras")


if __name__ == "__main__":
    main()
