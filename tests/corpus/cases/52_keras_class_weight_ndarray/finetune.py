import numpy as np
from sklearn.utils.class_weight import compute_class_weight
from tensorflow import keras

SEQ = 128


def load(path):
    d = np.load(path)
    return d["signals"], d["activity"]


if __name__ == "__main__":
    X, y = load("data/har_smartwatch.npz")
    weights = compute_class_weight("balanced", classes=np.unique(y), y=y)
    model = keras.models.load_model("har_lstm.keras")
    model.compile(loss="sparse_categorical_crossentropy", optimizer=keras.optimizers.Adam(1e-4),
                  metrics=["accuracy"])
    model.fit(X, y, epochs=5, batch_size=64, class_weight=weights)
    model.save("har_lstm_watch.keras")
