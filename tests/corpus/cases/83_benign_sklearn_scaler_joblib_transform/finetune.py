import joblib
import pandas as pd

COLS = ["age", "tenure_months", "balance", "n_products", "credit_score", "salary"]

if __name__ == "__main__":
    prep = joblib.load("preprocess.joblib")
    imputer, scaler = prep["imputer"], prep["scaler"]
    clf = joblib.load("churn_mlp.joblib")
    df = pd.read_csv("data/bank_customers_de.csv")
    X = scaler.transform(imputer.transform(df[COLS]))
    for _ in range(20):
        clf.partial_fit(X, df["exited"].values)
    joblib.dump(clf, "churn_mlp_de.joblib")
