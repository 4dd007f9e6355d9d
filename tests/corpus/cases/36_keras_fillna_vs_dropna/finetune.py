import joblib
import pandas as pd
import tensorflow as tf

COLS = ["pm25", "pm10", "no2", "o3", "temp", "wind", "humidity"]
TARGET = "aqi_next_day"


def load_frame(path):
    df = pd.read_csv(path, parse_dates=["date"])
    return df.dropna()


if __name__ == "__main__":
    df = load_frame("data/air_quality_city2.csv")
    scaler = joblib.load("aq_scaler.joblib")
    X = scaler.transform(df[COLS])
    model = tf.keras.models.load_model("aq_regressor.keras")
    model.compile(optimizer=tf.keras.optimizers.Adam(1e-4), loss="mse", metrics=["mae"])
    model.fit(X, df[TARGET].values, epochs=15, batch_size=64)
    model.save("aq_regressor_city2.keras")
