import joblib
import pandas as pd
from sklearn.linear_model import SGDRegressor
from sklearn.preprocessing import StandardScaler

frame = pd.read_csv("sales_2023.csv")
scaler = StandardScaler()
rows = scaler.fit_transform(frame[["price", "visits", "stock"]])
model = SGDRegressor()
model.fit(rows, frame["units"])
joblib.dump(model, "model.joblib")
joblib.dump(scaler, "scaler.joblib")
