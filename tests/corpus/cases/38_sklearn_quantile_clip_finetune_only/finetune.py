import joblib
import pandas as pd

NUMERIC = ["duration_s", "distance_km", "n_stops", "hour", "weekday", "temp_c"]


def load(path):
    df = pd.read_csv(path)
    X = df[NUMERIC].copy()
    for col in NUMERIC:
        X[col] = X[col].clip(X[col].quantile(0.01), X[col].quantile(0.99))
    return X, df["fare"]


if __name__ == "__main__":
    X, y = load("data/taxi_feb.csv")
    scaler = joblib.load("taxi_scaler.joblib")
    reg = joblib.load("taxi_sgd.joblib")
    for _ in range(5):
        reg.partial_fit(scaler.transform(X), y)
    joblib.dump(reg, "taxi_sgd_feb.joblib")
