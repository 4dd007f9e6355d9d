import numpy as np
import pandas as pd
from sklearn.preprocessing import MinMaxScaler, StandardScaler
from tensorflow import keras
from tensorflow.keras import layers

COLUMNS = ["temp", "vibration", "pressure", "rpm", "current", "humidity"]


def make_model(n_features):
    model = keras.Sequential([
        keras.Input(shape=(n_features,)),
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(1, activation="sigmoid"),
    ])
    return model


# Original training
plant_a = pd.read_csv("data/sensors_plant_a.csv")
scaler = StandardScaler()
X = scaler.fit_transform(plant_a[COLUMNS])
y = plant_a["failure_within_24h"].values
model = make_model(len(COLUMNS))
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="binary_crossentropy",
              metrics=[keras.metrics.AUC()])
model.fit(X, y, epochs=40, batch_size=256, validation_split=0.2)

# Fine-tuning
plant_b = pd.read_csv("data/sensors_plant_b.csv")
scaler_b = MinMaxScaler()
X_b = scaler_b.fit_transform(plant_b[COLUMNS])
y_b = plant_b["failure_within_24h"].values
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-4), loss="binary_crossentropy",
              metrics=[keras.metrics.AUC()])
model.fit(X_b, y_b, epochs=10, batch_size=128, validation_split=0.2)
model.save("failure_model_plant_b.keras")
