"""Keyword spotting: fine-tune the GSC model on recordings from the device microphones."""
import numpy as np
from tensorflow import keras

x_dev = np.load("features/device_train_logmel.npy")[..., None]
y_dev = np.load("features/device_train_labels.npy")
x_dev_val = np.load("features/device_val_logmel.npy")[..., None]
y_dev_val = np.load("features/device_val_labels.npy")

print("device train:", x_dev.shape, "classes:", np.bincount(y_dev))
print("device val:", x_dev_val.shape)

model = keras.models.load_model("models/kws_gsc.keras")
base_loss, base_acc = model.evaluate(x_dev_val, y_dev_val, verbose=0)
print(f"before fine-tuning: acc={base_acc:.3f}")

model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=1e-4),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
stop = keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=4, restore_best_weights=True)
model.fit(
    x_dev,
    y_dev,
    validation_data=(x_dev_val, y_dev_val),
    batch_size=32,
    epochs=15,
    callbacks=[stop],
)
model.evaluate(x_dev_val, y_dev_val)
model.save("models/kws_device.keras")
