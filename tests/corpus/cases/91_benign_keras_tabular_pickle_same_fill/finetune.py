import pickle

import numpy as np
import pandas as pd
from tensorflow import keras

FEATURES = ["kwh_lag1", "kwh_lag24", "temp", "dew_point", "hour", "is_holiday"]


def load_features(path):
    df = pd.read_csv(path)
    df[FEATURES] = df[FEATURES].fillna(df[FEATURES].median())
    df["kwh_lag1"] = np.clip(df["kwh_lag1"], 0, 500)
    return df


with open("household_scaler.pkl", "rb") as f:
    scaler = pickle.load(f)

df = load_features("data/households_with_solar_2024.csv")
X = scaler.transform(df[FEATURES])
y = df["kwh_next"].values

model = keras.models.load_model("household_kwh.keras")
model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="huber")
model.fit(X, y, epochs=10, batch_size=256)
model.save("household_kwh_solar.keras")
