from tensorflow import keras
from tensorflow.keras import layers

IMAGE_SIZE = (180, 180)

train_ds = keras.utils.image_dataset_from_directory("data/leaves/train", image_size=IMAGE_SIZE, batch_size=32)

model = keras.Sequential([
    keras.Input(shape=IMAGE_SIZE + (3,)),
    layers.Rescaling(1.0 / 255),
    layers.Conv2D(16, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(32, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(128, activation="relu"),
    layers.Dense(14, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, epochs=15)
model.save("leaves_cnn.keras")
