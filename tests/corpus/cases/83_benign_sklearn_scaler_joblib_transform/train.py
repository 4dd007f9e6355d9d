import joblib
import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

COLS = ["age", "tenure_months", "balance", "n_products", "credit_score", "salary"]

if __name__ == "__main__":
    df = pd.read_csv("data/bank_customers_fr.csv")
    imputer = SimpleImputer(strategy="median")
    scaler = StandardScaler()
    X = scaler.fit_transform(imputer.fit_transform(df[COLS]))
    y = df["exited"].values
    clf = MLPClassifier(hidden_layer_sizes=(64, 32), learning_rate_init=1e-3, max_iter=200, random_state=0)
    clf.fit(X, y)
    joblib.dump({"imputer": imputer, "scaler": scaler}, "preprocess.joblib")
    joblib.dump(clf, "churn_mlp.joblib")
    print("classes:", np.unique(y))
