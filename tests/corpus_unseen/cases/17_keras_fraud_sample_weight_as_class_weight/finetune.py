"""Adapt the pooled fraud model to a single bank's transactions."""
import joblib
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.utils.class_weight import compute_sample_weight
from tensorflow import keras

FEATURES = [f"v{i}" for i in range(1, 29)] + ["amount", "hour"]

bank = pd.read_parquet("data/bank_07_transactions.parquet")
X = bank[FEATURES].to_numpy(dtype="float32")
y = bank["is_fraud"].to_numpy()
X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2, stratify=y, random_state=3)

scaler = joblib.load("artifacts/scaler.pkl")
X_tr = scaler.transform(X_tr)
X_va = scaler.transform(X_va)

balanced = compute_sample_weight(class_weight="balanced", y=y_tr)

model = keras.models.load_model("artifacts/fraud_pooled.keras")
model.compile(
    optimizer=keras.optimizers.Adam(1e-4),
    loss="binary_crossentropy",
    metrics=[keras.metrics.AUC(curve="PR", name="pr_auc")],
)
model.fit(
    X_tr,
    y_tr,
    validation_data=(X_va, y_va),
    batch_size=512,
    epochs=5,
    class_weight=balanced,
)
model.save("artifacts/fraud_bank07.keras")
