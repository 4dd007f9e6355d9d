import logging

import joblib
import numpy as np
import pandas as pd
import tensorflow as tf
from sklearn.metrics import average_precision_score

logging.basicConfig(level=logging.INFO)
log = logging.getLogger(__name__)

NUMERIC = ["amount", "balance_before", "balance_after", "hour", "merchant_risk", "velocity_1h", "velocity_24h"]
BATCH = 1024


def make_dataset(X, y, training):
    ds = tf.data.Dataset.from_tensor_slices((X.astype("float32"), y.astype("float32")))
    if training:
        ds = ds.shuffle(50_000, seed=1)
    return ds.batch(BATCH).prefetch(tf.data.AUTOTUNE)


def main():
    scaler = joblib.load("artifacts/txn_scaler.joblib")
    train_df = pd.read_parquet("data/transactions/bank_b_train.parquet")
    test_df = pd.read_parquet("data/transactions/bank_b_test.parquet")
    train_ds = make_dataset(scaler.transform(train_df[NUMERIC]), train_df["is_fraud"].to_numpy(), True)
    test_ds = make_dataset(scaler.transform(test_df[NUMERIC]), test_df["is_fraud"].to_numpy(), False)

    model = tf.keras.models.load_model("artifacts/fraud_base.keras")
    model.compile(
        optimizer=tf.keras.optimizers.Adam(1e-4),
        loss="binary_crossentropy",
        metrics=[tf.keras.metrics.AUC(curve="PR", name="pr_auc")],
    )
    model.fit(train_ds, validation_data=test_ds, epochs=8)
    scores = model.predict(test_ds).ravel()
    log.info("bank B test average precision %.4f", average_precision_score(test_df["is_fraud"], scores))
    model.save("artifacts/fraud_bank_b.keras")


if __name__ == "__main__":
    main()
