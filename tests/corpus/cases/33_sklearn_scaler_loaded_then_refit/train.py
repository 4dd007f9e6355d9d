import joblib
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPRegressor
from sklearn.preprocessing import StandardScaler

NUMERIC = ["sqft", "bedrooms", "bathrooms", "lot_size", "year_built", "dist_center_km"]


def main():
    df = pd.read_csv("data/housing_city_a.csv")
    X_train, X_test, y_train, y_test = train_test_split(df[NUMERIC], df["price"], test_size=0.2, random_state=3)
    scaler = StandardScaler()
    X_train = scaler.fit_transform(X_train)
    X_test = scaler.transform(X_test)
    reg = MLPRegressor(hidden_layer_sizes=(128, 64), learning_rate_init=1e-3, max_iter=300, random_state=3)
    reg.fit(X_train, y_train)
    print("R2:", reg.score(X_test, y_test))
    joblib.dump(scaler, "housing_scaler.joblib")
    joblib.dump(reg, "housing_mlp.joblib")


if __name__ == "__main__":
    main()
