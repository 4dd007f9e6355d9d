import numpy as np
from tensorflow import keras
from tensorflow.keras.optimizers import Adam

data = np.load("data/traffic_signs_night_48px.npz")
x, y = data["x"], data["y"]

model = keras.models.load_model("traffic_signs.keras")
model.compile(optimizer=Adam(learning_rate=1e-5), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=5, batch_size=64, validation_split=0.1)
model.save("traffic_signs_night.keras")
