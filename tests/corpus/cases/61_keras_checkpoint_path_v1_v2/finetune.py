import numpy as np
from tensorflow.keras.models import load_model
from tensorflow.keras.optimizers import Adam

MODEL_FILE = "model_v2.h5"

data = np.load("data/bearing_vibration_pump3.npz")
X, y = data["windows"], data["fault"]

model = load_model(MODEL_FILE)
model.compile(optimizer=Adam(learning_rate=1e-4), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=10, batch_size=32, validation_split=0.2)
model.save("model_v1_pump3.h5")
