import pandas as pd
from tensorflow import keras
from tensorflow.keras import layers

TABLE = "data/churn_telco.csv"
FEATURES = ["tenure", "monthly_charges", "total_charges", "n_services", "contract_months", "support_calls"]

df = pd.read_csv(TABLE)
X = df[FEATURES].values
y = df["churn"].values

normalizer = layers.Normalization()
normalizer.adapt(X)

model = keras.Sequential([
    keras.Input(shape=(len(FEATURES),)),
    normalizer,
    layers.Dense(32, activation="relu"),
    layers.Dense(16, activation="relu"),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=30, batch_size=64, validation_split=0.2)
model.save("churn_telco.keras")
