import joblib
import pandas as pd
from sklearn.linear_model import SGDRegressor
from sklearn.preprocessing import StandardScaler

NUMERIC = ["duration_s", "distance_km", "n_stops", "hour", "weekday", "temp_c"]


def load(path):
    df = pd.read_csv(path)
    return df[NUMERIC], df["fare"]


if __name__ == "__main__":
    X, y = load("data/taxi_jan.csv")
    scaler = StandardScaler().fit(X)
    reg = SGDRegressor(loss="huber", alpha=1e-4, eta0=0.01, learning_rate="invscaling", random_state=0)
    reg.fit(scaler.transform(X), y)
    joblib.dump(reg, "taxi_sgd.joblib")
    joblib.dump(scaler, "taxi_scaler.joblib")
