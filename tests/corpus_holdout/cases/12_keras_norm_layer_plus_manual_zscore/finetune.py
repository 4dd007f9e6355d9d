import logging

import numpy as np
import pandas as pd
import tensorflow as tf
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("churn-nordics")

FEATURES = [
    "tenure_months", "monthly_charges", "total_charges", "support_calls",
    "days_since_login", "sessions_30d", "devices", "discount_pct",
]
TARGET = "churned"


def load_frame(path):
    df = pd.read_csv(path)
    df[FEATURES] = df[FEATURES].fillna(0.0)
    X = df[FEATURES].to_numpy(np.float32)
    X = (X - X.mean(axis=0)) / (X.std(axis=0) + 1e-6)
    return X, df[TARGET].to_numpy(np.float32)


def main():
    X, y = load_frame("data/telco_nordics.csv")
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)

    model = tf.keras.models.load_model("models/churn_base.keras")
    model.compile(
        optimizer=tf.keras.optimizers.Adam(learning_rate=1e-4),
        loss="binary_crossentropy",
        metrics=[tf.keras.metrics.AUC(name="auc"), "accuracy"],
    )
    model.fit(X_tr, y_tr, validation_split=0.1, epochs=15, batch_size=128)
    proba = model.predict(X_te, batch_size=1024).ravel()
    logger.info("test AUC %.4f", roc_auc_score(y_te, proba))
    model.save("models/churn_nordics.keras")


if __name__ == "__main__":
    main()
