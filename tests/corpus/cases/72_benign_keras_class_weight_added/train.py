import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

d = np.load("data/bird_calls_mel.npz")

model = keras.Sequential([
    keras.Input(shape=(128, 216, 1)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(2),
    layers.Conv2D(64, 3, activation="relu"),
    layers.MaxPooling2D(2),
    layers.GlobalAveragePooling2D(),
    layers.Dense(64, activation="relu"),
    layers.Dense(8, activation="softmax"),
])
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(d["mel"], d["species"], epochs=30, batch_size=32, validation_split=0.15)
model.save("bird_calls.keras")
