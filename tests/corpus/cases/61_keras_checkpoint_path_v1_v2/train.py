import numpy as np
from tensorflow.keras.callbacks import EarlyStopping
from tensorflow.keras.layers import Conv1D, Dense, Flatten, MaxPooling1D
from tensorflow.keras.models import Sequential
from tensorflow.keras.optimizers import Adam

MODEL_FILE = "model_v1.h5"
WINDOW = 30

data = np.load("data/bearing_vibration.npz")
X, y = data["windows"], data["fault"]

model = Sequential([
    Conv1D(32, 3, activation="relu", input_shape=(WINDOW, 3)),
    MaxPooling1D(2),
    Conv1D(64, 3, activation="relu"),
    Flatten(),
    Dense(64, activation="relu"),
    Dense(4, activation="softmax"),
])
model.compile(optimizer=Adam(learning_rate=1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=50, batch_size=64, validation_split=0.2,
          callbacks=[EarlyStopping(patience=5, restore_best_weights=True)])
model.save(MODEL_FILE)
