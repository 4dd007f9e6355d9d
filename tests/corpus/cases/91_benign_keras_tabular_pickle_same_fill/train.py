import pickle

import numpy as np
import pandas as pd
from sklearn.preprocessing import MinMaxScaler
from tensorflow import keras
from tensorflow.keras import layers

FEATURES = ["kwh_lag1", "kwh_lag24", "temp", "dew_point", "hour", "is_holiday"]


def load_features(path):
    df = pd.read_csv(path)
    df[FEATURES] = df[FEATURES].fillna(df[FEATURES].median())
    df["kwh_lag1"] = np.clip(df["kwh_lag1"], 0, 500)
    return df


df = load_features("data/households_2022.csv")
scaler = MinMaxScaler()
X = scaler.fit_transform(df[FEATURES])
y = df["kwh_next"].values

model = keras.Sequential([
    keras.Input(shape=(len(FEATURES),)),
    layers.Dense(64, activation="relu"),
    layers.Dense(32, activation="relu"),
    layers.Dense(1),
])
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="huber")
model.fit(X, y, epochs=50, batch_size=256)
model.save("household_kwh.keras")
with open("household_scaler.pkl", "wb") as f:
    pickle.dump(scaler, f)
