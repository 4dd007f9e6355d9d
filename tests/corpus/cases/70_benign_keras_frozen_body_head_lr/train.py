import numpy as np
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.optimizers import Adam

data = np.load("data/galaxy_zoo_64px.npz")

model = keras.Sequential([
    keras.Input(shape=(64, 64, 3)),
    layers.Rescaling(1.0 / 255),
    layers.Conv2D(32, 5, activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(128, 3, activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(128, activation="relu"),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer=Adam(learning_rate=5e-4), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(data["x"], data["y"], epochs=40, batch_size=64)
model.save("galaxy_cnn.keras")
