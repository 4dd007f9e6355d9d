import pandas as pd
from sklearn.utils.class_weight import compute_sample_weight
from tensorflow import keras

FEATURES = [f"f{i}" for i in range(30)]

df = pd.read_csv("data/network_intrusion_campus.csv")
X = df[FEATURES].values.astype("float32")
y = df["attack_type"].values

weights = compute_sample_weight(class_weight="balanced", y=y)

model = keras.models.load_model("intrusion_mlp.keras")
model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=5, batch_size=256, class_weight=weights, validation_split=0.1)
model.save("intrusion_mlp_campus.keras")
