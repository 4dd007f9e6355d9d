import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

data = np.load("data/vehicles_32px.npz")

base = keras.models.load_model("cifar_base.keras")
features = base.get_layer("features").output
outputs = layers.Dense(3, activation="softmax", name="vehicle_type")(features)
model = keras.Model(base.input, outputs)

model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(data["x"], data["y"], epochs=8, batch_size=64, validation_split=0.1)
model.save("vehicle_type.keras")
