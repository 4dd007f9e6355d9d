from tensorflow import keras
from tensorflow.keras import layers

IMAGE_SIZE = (64, 64)

train_ds = keras.utils.image_dataset_from_directory(
    "data/handwritten_symbols/train",
    color_mode="grayscale",
    image_size=IMAGE_SIZE,
    batch_size=128,
)

model = keras.Sequential([
    layers.Rescaling(1.0 / 255),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dropout(0.5),
    layers.Dense(82, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, epochs=12)
model.save("symbols_cnn.keras")
