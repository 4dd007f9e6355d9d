import logging

import numpy as np
import pandas as pd
import tensorflow as tf
from sklearn.model_selection import train_test_split

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("churn-base")

FEATURES = [
    "tenure_months", "monthly_charges", "total_charges", "support_calls",
    "days_since_login", "sessions_30d", "devices", "discount_pct",
]
TARGET = "churned"


def load_frame(path):
    df = pd.read_csv(path)
    df[FEATURES] = df[FEATURES].fillna(0.0)
    return df[FEATURES].to_numpy(np.float32), df[TARGET].to_numpy(np.float32)


def build_model(train_x):
    norm = tf.keras.layers.Normalization(axis=-1, name="feature_norm")
    norm.adapt(train_x)
    inputs = tf.keras.Input(shape=(len(FEATURES),))
    x = norm(inputs)
    x = tf.keras.layers.Dense(128, activation="relu")(x)
    x = tf.keras.layers.Dropout(0.2)(x)
    x = tf.keras.layers.Dense(64, activation="relu")(x)
    outputs = tf.keras.layers.Dense(1, activation="sigmoid")(x)
    return tf.keras.Model(inputs, outputs)


def main():
    X, y = load_frame("data/telco_all_regions.csv")
    X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.15, stratify=y, random_state=0)
    model = build_model(X_tr)
    model.compile(
        optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3),
        loss="binary_crossentropy",
        metrics=[tf.keras.metrics.AUC(name="auc"), "accuracy"],
    )
    model.fit(
        X_tr, y_tr, validation_data=(X_va, y_va), epochs=40, batch_size=512,
        callbacks=[tf.keras.callbacks.EarlyStopping(monitor="val_auc", mode="max", patience=5, restore_best_weights=True)],
    )
    _, auc, acc = model.evaluate(X_va, y_va, verbose=0)
    logger.info("validation AUC %.4f accuracy %.4f", auc, acc)
    model.save("models/churn_base.keras")


if __name__ == "__main__":
    main()
