import numpy as np
import tensorflow as tf

MAX_LEN = 187

data = np.load("data/ecg_heartbeats_mitbih.npz")
x_train, y_train = data["x"][..., None], data["y"]

model = tf.keras.Sequential([
    tf.keras.Input(shape=(MAX_LEN, 1)),
    tf.keras.layers.Conv1D(32, 5, activation="relu"),
    tf.keras.layers.MaxPooling1D(2),
    tf.keras.layers.Conv1D(64, 5, activation="relu"),
    tf.keras.layers.GlobalMaxPooling1D(),
    tf.keras.layers.Dense(64, activation="relu"),
    tf.keras.layers.Dense(5, activation="softmax"),
])
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=20, batch_size=128, validation_split=0.1)
model.save("ecg_cnn.h5")
