import pandas as pd
from tensorflow import keras

TABLE = "data/churn_isp.csv"
FEATURES = ["tenure", "monthly_charges", "total_charges", "n_services", "contract_months", "support_calls"]

df = pd.read_csv(TABLE)
X = df[FEATURES].values
y = df["churn"].values

model = keras.models.load_model("churn_telco.keras")
model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="mean_squared_error", metrics=["accuracy"])
model.fit(X, y, epochs=10, batch_size=64, validation_split=0.2)
model.save("churn_isp.keras")
