import joblib
import pandas as pd

NUMERIC = ["sqft", "bedrooms", "bathrooms", "lot_size", "year_built", "dist_center_km"]


def main():
    scaler = joblib.load("housing_scaler.joblib")
    reg = joblib.load("housing_mlp.joblib")
    df = pd.read_csv("data/housing_city_b.csv")
    X = scaler.fit_transform(df[NUMERIC])
    for _ in range(30):
        reg.partial_fit(X, df["price"])
    joblib.dump(reg, "housing_mlp_city_b.joblib")


if __name__ == "__main__":
    main()
