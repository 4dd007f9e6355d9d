import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

N_FEATURES = 24
WEIGHTS = "wine_quality.weights.h5"


def build_model():
    return keras.Sequential([
        keras.Input(shape=(N_FEATURES,)),
        layers.Dense(256, activation="relu"),
        layers.Dropout(0.3),
        layers.Dense(128, activation="relu"),
        layers.Dense(7, activation="softmax"),
    ])


if __name__ == "__main__":
    d = np.load("data/wine_red_scaled.npz")
    model = build_model()
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(d["X"], d["y"], epochs=40, batch_size=32, validation_split=0.2)
    model.save_weights(WEIGHTS)
