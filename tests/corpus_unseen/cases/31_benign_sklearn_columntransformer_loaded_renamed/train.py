"""Credit default: pretrain an MLPClassifier on the bureau data with a ColumnTransformer."""
import joblib
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["income", "debt_ratio", "utilization", "age", "n_open_lines", "n_late_90d"]
CATEGORICAL = ["employment", "housing", "region"]

bureau = pd.read_csv("data/bureau_applications.csv")
bureau[NUMERIC] = np.clip(bureau[NUMERIC], -1e6, 1e6)

preprocessor = ColumnTransformer([
    ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), NUMERIC),
    ("cat", Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                      ("onehot", OneHotEncoder(handle_unknown="ignore"))]), CATEGORICAL),
])
X = preprocessor.fit_transform(bureau[NUMERIC + CATEGORICAL])
y = bureau["default_12m"].values

clf = MLPClassifier(hidden_layer_sizes=(128, 64), learning_rate_init=1e-3, batch_size=512,
                    max_iter=60, early_stopping=True, random_state=0)
clf.fit(X, y)
print("train score", clf.score(X, y))

joblib.dump(preprocessor, "artifacts/preprocessor.joblib")
joblib.dump(clf, "artifacts/mlp_bureau.joblib")
