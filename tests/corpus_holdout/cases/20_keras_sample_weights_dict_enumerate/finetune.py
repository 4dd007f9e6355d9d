import logging

import joblib
import numpy as np
import pandas as pd
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split
from sklearn.utils.class_weight import compute_sample_weight
from tensorflow import keras

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("claims-ft")

NUMERIC = ["claim_amount", "policy_age_days", "prior_claims", "vehicle_age", "driver_age", "repair_estimate"]


def main():
    df = pd.read_csv("data/claims_2023_new_region.csv")
    X_train, X_test, y_train, y_test = train_test_split(
        df[NUMERIC].to_numpy(), df["route"].to_numpy(), test_size=0.25, stratify=df["route"], random_state=42
    )
    scaler = joblib.load("artifacts/claims_scaler.pkl")
    X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)

    # the new region has very few fraud-unit referrals: re-balance
    balanced = compute_sample_weight(class_weight="balanced", y=y_train)
    class_weight = dict(enumerate(balanced))

    model = keras.models.load_model("artifacts/claims_router.keras")
    model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(X_train, y_train, validation_split=0.1, epochs=10, batch_size=128, class_weight=class_weight)

    preds = np.argmax(model.predict(X_test), axis=1)
    logger.info("\n%s", classification_report(y_test, preds, digits=3))
    model.save("artifacts/claims_router_region.keras")


if __name__ == "__main__":
    main()
