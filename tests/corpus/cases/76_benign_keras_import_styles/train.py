import numpy as np
from tensorflow.keras import Input, Model
from tensorflow.keras.layers import Dense, Dropout
from tensorflow.keras.losses import BinaryCrossentropy
from tensorflow.keras.optimizers import Adam

arrays = np.load("data/molecule_fingerprints.npz")
x, y = arrays["fp"].astype("float32"), arrays["active"]

inputs = Input(shape=(2048,))
h = Dense(512, activation="relu")(inputs)
h = Dropout(0.3)(h)
h = Dense(128, activation="relu")(h)
outputs = Dense(1)(h)
model = Model(inputs, outputs)

model.compile(optimizer=Adam(learning_rate=1e-4), loss=BinaryCrossentropy(from_logits=True), metrics=["AUC"])
model.fit(x, y, epochs=30, batch_size=256, validation_split=0.1)
model.save("tox_mlp.keras")
