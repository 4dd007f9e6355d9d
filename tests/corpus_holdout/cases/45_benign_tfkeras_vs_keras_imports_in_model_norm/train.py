"""Wine-quality regressor on the Vinho Verde data (in-model feature normalization)."""
import logging

import numpy as np
import pandas as pd
import tensorflow as tf

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("wine")

FEATURES = ["fixed_acidity", "volatile_acidity", "citric_acid", "residual_sugar", "chlorides",
            "free_so2", "total_so2", "density", "ph", "sulphates", "alcohol"]


def build(train_x):
    norm = tf.keras.layers.Normalization(name="norm")
    norm.adapt(train_x)
    inputs = tf.keras.Input(shape=(len(FEATURES),))
    x = norm(inputs)
    x = tf.keras.layers.Dense(64, activation="relu")(x)
    x = tf.keras.layers.Dense(64, activation="relu")(x)
    outputs = tf.keras.layers.Dense(1)(x)
    return tf.keras.Model(inputs, outputs)


def main():
    df = pd.read_csv("data/vinho_verde.csv").dropna(subset=FEATURES + ["quality"])
    df = df.sample(frac=1.0, random_state=3)
    n_val = len(df) // 10
    x = df[FEATURES].to_numpy(np.float32)
    y = df["quality"].to_numpy(np.float32)
    model = build(x[n_val:])
    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3),
                  loss=tf.keras.losses.Huber(delta=1.0), metrics=[tf.keras.metrics.MeanAbsoluteError(name="mae")])
    model.fit(x[n_val:], y[n_val:], validation_data=(x[:n_val], y[:n_val]), epochs=100, batch_size=64,
              callbacks=[tf.keras.callbacks.EarlyStopping(patience=10, restore_best_weights=True)])
    logger.info("val MAE %.3f", model.evaluate(x[:n_val], y[:n_val], return_dict=True)["mae"])
    model.save("models/wine_vinho_verde.keras")


if __name__ == "__main__":
    main()
