"""Equipment failure model pretrained on the balanced lab test-bench data (functional API)."""
import joblib
import pandas as pd
import tensorflow as tf
from sklearn.preprocessing import StandardScaler

FEATURES = ["temp", "vibration_rms", "pressure", "rpm", "current", "oil_quality", "runtime_h"]

bench = pd.read_csv("data/bench_runs.csv")
scaler = StandardScaler()
X = scaler.fit_transform(bench[FEATURES])
y = bench["failed_within_24h"].values
joblib.dump(scaler, "artifacts/bench_scaler.joblib")

inputs = tf.keras.Input(shape=(len(FEATURES),), name="sensors")
h = tf.keras.layers.Dense(64, activation="relu")(inputs)
h = tf.keras.layers.Dense(64, activation="relu")(h)
h = tf.keras.layers.Dropout(0.2)(h)
out = tf.keras.layers.Dense(1, activation="sigmoid", name="p_fail")(h)
model = tf.keras.Model(inputs, out)

model.compile(
    optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3),
    loss="binary_crossentropy",
    metrics=[tf.keras.metrics.AUC(name="auc")],
)
history = model.fit(X, y, epochs=40, batch_size=256, validation_split=0.1)
best = max(history.history["val_auc"])
print(f"best validation AUC: {best:.4f}")
model.save("artifacts/failure_bench.keras")
