import numpy as np
from sklearn.utils.class_weight import compute_class_weight
from tensorflow import keras
from tensorflow.keras import layers

SEQ = 128


def load(path):
    d = np.load(path)
    return d["signals"], d["activity"]


if __name__ == "__main__":
    X, y = load("data/har_smartphone.npz")
    weights = compute_class_weight("balanced", classes=np.unique(y), y=y)
    model = keras.Sequential([
        keras.Input(shape=(SEQ, 9)),
        layers.LSTM(100),
        layers.Dropout(0.5),
        layers.Dense(100, activation="relu"),
        layers.Dense(6, activation="softmax"),
    ])
    model.compile(loss="sparse_categorical_crossentropy", optimizer=keras.optimizers.Adam(1e-3),
                  metrics=["accuracy"])
    model.fit(X, y, epochs=15, batch_size=64, class_weight=dict(enumerate(weights)))
    model.save("har_lstm.keras")
