import joblib
import numpy as np
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

X, y = np.load("sensors_2023.npz").values()
scaler = StandardScaler()
X = scaler.fit_transform(X)
clf = MLPClassifier(hidden_layer_sizes=(64, 32), learning_rate_init=1e-3, max_iter=200)
clf.fit(X, y)
joblib.dump(scaler, "scaler.joblib")
joblib.dump(clf, "mlp.joblib")
