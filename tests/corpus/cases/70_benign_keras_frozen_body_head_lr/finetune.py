import numpy as np
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.optimizers import Adam

data = np.load("data/galaxy_mergers_64px.npz")

pretrained = keras.models.load_model("galaxy_cnn.keras")
for layer in pretrained.layers:
    layer.trainable = False

features = pretrained.layers[-2].output
outputs = layers.Dense(2, activation="softmax", name="merger_head")(features)
model = keras.Model(pretrained.input, outputs)
model.compile(optimizer=Adam(learning_rate=1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(data["x"], data["y"], epochs=10, batch_size=64)
model.save("galaxy_mergers_probe.keras")
