import pandas as pd
from sklearn.preprocessing import StandardScaler
from tensorflow import keras
from tensorflow.keras.optimizers import Adam

FEATURES = ["amount", "hour", "merchant_risk", "n_tx_24h", "avg_amount_30d", "account_age_days"]

df = pd.read_csv("data/transactions_2024_new_region.csv")
scaler = StandardScaler()
X = scaler.fit_transform(df[FEATURES].values)
y = df["is_fraud"].values

model = keras.models.load_model("fraud_mlp.keras")
model.compile(optimizer=Adam(learning_rate=5e-5), loss="binary_crossentropy", metrics=["AUC"])
model.fit(X, y, epochs=5, batch_size=256, validation_split=0.1)
model.save("fraud_mlp_new_region.keras")
