"""Bird-call detector, stage 1: train a small CNN on log-mel patches from xeno-canto.

Run with::

    python train.py --learning-rate 1e-4 --epochs 30
"""
import argparse
import logging

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("calls")

N_MELS, FRAMES = 128, 256


def build_model(num_classes):
    inputs = keras.Input(shape=(N_MELS, FRAMES, 1), name="logmel")
    x = inputs
    for filters in (32, 64, 128, 256):
        x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
        x = layers.BatchNormalization()(x)
        x = layers.MaxPooling2D(2)(x)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(0.3)(x)
    outputs = layers.Dense(num_classes, activation="softmax")(x)
    return keras.Model(inputs, outputs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--learning-rate", dest="lr", type=float, default=1e-4)
    parser.add_argument("--epochs", type=int, default=30)
    args = parser.parse_args()

    data = np.load("data/xenocanto_logmel.npz")
    x_train, y_train = data["x_train"][..., None], data["y_train"]
    x_val, y_val = data["x_val"][..., None], data["y_val"]
    model = build_model(int(y_train.max()) + 1)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=args.lr),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=args.epochs, batch_size=64)
    logger.info("val: %s", model.evaluate(x_val, y_val, return_dict=True, verbose=0))
    model.save("models/xc_cnn.keras")


if __name__ == "__main__":
    main()
