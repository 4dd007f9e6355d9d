import joblib
import numpy as np

X_new, y_new = np.load("sensors_2024.npz").values()
scaler = joblib.load("scaler.joblib")  # [load:sklearn.preprocessing.StandardScaler:X_new]
X_new = scaler.transform(X_new)  # [transform:FT3]
clf = joblib.load("mlp.joblib")  # [model]
for _ in range(10):
    clf.partial_fit(X_new, y_new)
