import joblib
import pandas as pd
import tensorflow as tf
from sklearn.preprocessing import StandardScaler

COLS = ["pm25", "pm10", "no2", "o3", "temp", "wind", "humidity"]
TARGET = "aqi_next_day"


def load_frame(path):
    df = pd.read_csv(path, parse_dates=["date"])
    return df.fillna(df.median(numeric_only=True))


if __name__ == "__main__":
    df = load_frame("data/air_quality_city1.csv")
    scaler = StandardScaler()
    X = scaler.fit_transform(df[COLS])
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(len(COLS),)),
        tf.keras.layers.Dense(64, activation="relu"),
        tf.keras.layers.Dense(64, activation="relu"),
        tf.keras.layers.Dense(1),
    ])
    model.compile(optimizer=tf.keras.optimizers.Adam(1e-3), loss="mse", metrics=["mae"])
    model.fit(X, df[TARGET].values, epochs=60, batch_size=64)
    model.save("aq_regressor.keras")
    joblib.dump(scaler, "aq_scaler.joblib")
