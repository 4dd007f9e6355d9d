import logging

import joblib
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.utils.class_weight import compute_class_weight
from tensorflow import keras

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("claims")

NUMERIC = ["claim_amount", "policy_age_days", "prior_claims", "vehicle_age", "driver_age", "repair_estimate"]
N_CLASSES = 4  # 0=auto-approve, 1=desk review, 2=field adjuster, 3=fraud unit


def build_model(n_inputs):
    inputs = keras.Input(shape=(n_inputs,))
    x = keras.layers.Dense(128, activation="relu")(inputs)
    x = keras.layers.BatchNormalization()(x)
    x = keras.layers.Dense(64, activation="relu")(x)
    outputs = keras.layers.Dense(N_CLASSES, activation="softmax")(x)
    return keras.Model(inputs, outputs)


def main():
    df = pd.read_csv("data/claims_2018_2022.csv")
    X_train, X_val, y_train, y_val = train_test_split(
        df[NUMERIC].to_numpy(), df["route"].to_numpy(), test_size=0.2, stratify=df["route"], random_state=42
    )
    scaler = StandardScaler().fit(X_train)
    joblib.dump(scaler, "artifacts/claims_scaler.pkl")

    classes = np.unique(y_train)
    weights = compute_class_weight(class_weight="balanced", classes=classes, y=y_train)
    class_weight = dict(zip(classes, weights))
    logger.info("class weights: %s", class_weight)

    model = build_model(len(NUMERIC))
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(
        scaler.transform(X_train), y_train,
        validation_data=(scaler.transform(X_val), y_val),
        epochs=30, batch_size=256, class_weight=class_weight,
    )
    loss, acc = model.evaluate(scaler.transform(X_val), y_val, verbose=0)
    logger.info("val loss %.4f acc %.4f", loss, acc)
    model.save("artifacts/claims_router.keras")


if __name__ == "__main__":
    main()
