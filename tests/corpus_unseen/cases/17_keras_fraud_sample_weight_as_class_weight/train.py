"""Card-fraud MLP pretrained on the pooled transactions of all partner banks."""
import joblib
import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.utils.class_weight import compute_class_weight
from tensorflow import keras
from tensorflow.keras import layers

FEATURES = [f"v{i}" for i in range(1, 29)] + ["amount", "hour"]

df = pd.read_parquet("data/pooled_transactions.parquet")
X = df[FEATURES].to_numpy(dtype="float32")
y = df["is_fraud"].to_numpy()

scaler = StandardScaler()
X = scaler.fit_transform(X)
joblib.dump(scaler, "artifacts/scaler.pkl")

weights = compute_class_weight(class_weight="balanced", classes=np.unique(y), y=y)
class_weight = dict(enumerate(weights))
print("class weights:", class_weight)

model = keras.Sequential([
    keras.Input(shape=(len(FEATURES),)),
    layers.Dense(128, activation="relu"),
    layers.Dropout(0.3),
    layers.Dense(64, activation="relu"),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(
    optimizer=keras.optimizers.Adam(1e-3),
    loss="binary_crossentropy",
    metrics=[keras.metrics.AUC(curve="PR", name="pr_auc")],
)
model.fit(X, y, batch_size=2048, epochs=20, validation_split=0.1, class_weight=class_weight)
model.save("artifacts/fraud_pooled.keras")
