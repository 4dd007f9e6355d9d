"""Keyword spotting: pretrain on Google Speech Commands log-mel features."""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

N_FRAMES, N_MELS = 49, 40
N_CLASSES = 12

x_train = np.load("features/gsc_train_logmel.npy")[..., None]
y_train = np.load("features/gsc_train_labels.npy")
x_val = np.load("features/gsc_val_logmel.npy")[..., None]
y_val = np.load("features/gsc_val_labels.npy")

model = keras.Sequential(name="kws_cnn")
model.add(keras.Input(shape=(N_FRAMES, N_MELS, 1)))
model.add(layers.Conv2D(64, (3, 3), padding="same", activation="relu"))
model.add(layers.BatchNormalization())
model.add(layers.MaxPooling2D((2, 2)))
model.add(layers.Conv2D(128, (3, 3), padding="same", activation="relu"))
model.add(layers.BatchNormalization())
model.add(layers.MaxPooling2D((2, 2)))
model.add(layers.Conv2D(128, (3, 3), padding="same", activation="relu"))
model.add(layers.GlobalAveragePooling2D())
model.add(layers.Dropout(0.25))
model.add(layers.Dense(N_CLASSES, activation="softmax"))

model.compile(
    optimizer=keras.optimizers.RMSprop(learning_rate=1e-3),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(x_train, y_train, validation_data=(x_val, y_val), batch_size=100, epochs=40)
model.save("models/kws_gsc.keras")
