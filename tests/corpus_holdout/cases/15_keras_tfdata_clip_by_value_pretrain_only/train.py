import logging

import joblib
import numpy as np
import pandas as pd
import tensorflow as tf
from sklearn.preprocessing import StandardScaler

logging.basicConfig(level=logging.INFO)
log = logging.getLogger(__name__)

NUMERIC = ["amount", "balance_before", "balance_after", "hour", "merchant_risk", "velocity_1h", "velocity_24h"]
BATCH = 1024


def make_dataset(X, y, training):
    ds = tf.data.Dataset.from_tensor_slices((X.astype("float32"), y.astype("float32")))
    ds = ds.map(lambda x, t: (tf.clip_by_value(x, -4.0, 4.0), t), num_parallel_calls=tf.data.AUTOTUNE)
    if training:
        ds = ds.shuffle(50_000, seed=1)
    return ds.batch(BATCH).prefetch(tf.data.AUTOTUNE)


def build_model(n_features):
    inputs = tf.keras.Input(shape=(n_features,), name="features")
    x = tf.keras.layers.Dense(256, activation="gelu")(inputs)
    x = tf.keras.layers.Dropout(0.2)(x)
    x = tf.keras.layers.Dense(128, activation="gelu")(x)
    outputs = tf.keras.layers.Dense(1, activation="sigmoid", name="fraud_prob")(x)
    return tf.keras.Model(inputs, outputs)


def main():
    train_df = pd.read_parquet("data/transactions/bank_a_train.parquet")
    valid_df = pd.read_parquet("data/transactions/bank_a_valid.parquet")
    scaler = StandardScaler().fit(train_df[NUMERIC])
    joblib.dump(scaler, "artifacts/txn_scaler.joblib")

    train_ds = make_dataset(scaler.transform(train_df[NUMERIC]), train_df["is_fraud"].to_numpy(), True)
    valid_ds = make_dataset(scaler.transform(valid_df[NUMERIC]), valid_df["is_fraud"].to_numpy(), False)

    model = build_model(len(NUMERIC))
    model.compile(
        optimizer=tf.keras.optimizers.Adam(1e-3),
        loss="binary_crossentropy",
        metrics=[tf.keras.metrics.AUC(curve="PR", name="pr_auc")],
    )
    model.fit(train_ds, validation_data=valid_ds, epochs=20)
    results = model.evaluate(valid_ds, return_dict=True)
    log.info("valid PR-AUC %.4f", results["pr_auc"])
    model.save("artifacts/fraud_base.keras")


if __name__ == "__main__":
    main()
