import pickle

import pandas as pd
from sklearn.preprocessing import StandardScaler
from tensorflow import keras
from tensorflow.keras.layers import BatchNormalization, Dense, Dropout
from tensorflow.keras.optimizers import Adam

FEATURES = ["amount", "hour", "merchant_risk", "n_tx_24h", "avg_amount_30d", "account_age_days"]
SCALER_PATH = "fraud_scaler.pkl"

df = pd.read_csv("data/transactions_2023.csv")
scaler = StandardScaler()
X = scaler.fit_transform(df[FEATURES].values)
y = df["is_fraud"].values

model = keras.Sequential([
    keras.Input(shape=(len(FEATURES),)),
    Dense(128, activation="relu"),
    BatchNormalization(),
    Dropout(0.3),
    Dense(64, activation="relu"),
    Dense(1, activation="sigmoid"),
])
model.compile(optimizer=Adam(learning_rate=5e-4), loss="binary_crossentropy", metrics=["AUC"])
model.fit(X, y, epochs=20, batch_size=512, validation_split=0.1)
model.save("fraud_mlp.keras")
with open(SCALER_PATH, "wb") as f:
    pickle.dump(scaler, f)
