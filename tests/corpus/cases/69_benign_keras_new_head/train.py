from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), _ = keras.datasets.cifar10.load_data()

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Rescaling(1.0 / 255),
    layers.Conv2D(64, 3, activation="relu", padding="same"),
    layers.MaxPooling2D(),
    layers.Conv2D(128, 3, activation="relu", padding="same"),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(256, activation="relu", name="features"),
    layers.Dense(10, activation="softmax", name="predictions"),
])
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=25, batch_size=128, validation_split=0.1)
model.save("cifar_base.keras")
