import numpy as np
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.optimizers import SGD

WINDOW = 48
N_FEATURES = 4


def windows(series, targets):
    X = np.stack([series[i:i + WINDOW] for i in range(len(series) - WINDOW)])
    return X, targets[WINDOW:]


model = keras.Sequential([
    keras.Input(shape=(WINDOW, N_FEATURES)),
    layers.LSTM(64, return_sequences=True),
    layers.LSTM(32),
    layers.Dense(16, activation="relu"),
    layers.Dense(1),
])

# Original training
grid = np.load("data/load_region_north.npz")
X, y = windows(grid["features"], grid["load"])
model.compile(optimizer=SGD(learning_rate=0.001, momentum=0.9), loss="mae")
model.fit(X, y, epochs=50, batch_size=64, validation_split=0.1)
model.save_weights("load_lstm.weights.h5")

# Fine-tuning
south = np.load("data/load_region_south.npz")
X_s, y_s = windows(south["features"], south["load"])
model.compile(optimizer=SGD(momentum=0.9), loss="mae")
model.fit(X_s, y_s, epochs=10, batch_size=64, validation_split=0.1)
model.save_weights("load_lstm_south.weights.h5")
