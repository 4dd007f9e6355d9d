import numpy as np
import pandas as pd
from sklearn.utils.class_weight import compute_class_weight
from tensorflow import keras
from tensorflow.keras import layers

FEATURES = [f"f{i}" for i in range(30)]

df = pd.read_csv("data/network_intrusion.csv")
X = df[FEATURES].values.astype("float32")
y = df["attack_type"].values

classes = np.unique(y)
weights = compute_class_weight(class_weight="balanced", classes=classes, y=y)
class_weight = dict(zip(classes, weights))

model = keras.Sequential([
    keras.Input(shape=(len(FEATURES),)),
    layers.Dense(128, activation="relu"),
    layers.Dropout(0.2),
    layers.Dense(64, activation="relu"),
    layers.Dense(len(classes), activation="softmax"),
])
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=25, batch_size=256, class_weight=class_weight, validation_split=0.1)
model.save("intrusion_mlp.keras")
