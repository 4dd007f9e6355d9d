"""Fine-tune the bench failure model on field data, where failures are rare."""
import joblib
import numpy as np
import pandas as pd
import tensorflow as tf
from sklearn.utils.class_weight import compute_class_weight

FEATURES = ["temp", "vibration_rms", "pressure", "rpm", "current", "oil_quality", "runtime_h"]

field = pd.read_csv("data/field_logs.csv")
scaler = joblib.load("artifacts/bench_scaler.joblib")
X = scaler.transform(field[FEATURES])
y = field["failed_within_24h"].values
print("positive rate:", y.mean())
print("rows:", len(field), "machines:", field["machine_id"].nunique())

cw = compute_class_weight(class_weight="balanced", classes=np.unique(y), y=y)
class_weight = dict(enumerate(cw))

model = tf.keras.models.load_model("artifacts/failure_bench.keras")
model.compile(
    optimizer=tf.keras.optimizers.Adam(learning_rate=1e-4),
    loss="binary_crossentropy",
    metrics=[tf.keras.metrics.AUC(name="auc")],
)
print("class weights:", class_weight)
history = model.fit(X, y, epochs=10, batch_size=64, validation_split=0.2, class_weight=class_weight)
for epoch, auc in enumerate(history.history["val_auc"]):
    print(f"epoch {epoch}: val AUC {auc:.4f}")
model.evaluate(X, y, verbose=2)
model.save("artifacts/failure_field.keras")
