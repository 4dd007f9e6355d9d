from tensorflow import keras

IMAGE_SIZE = (64, 64)

ft_ds = keras.utils.image_dataset_from_directory(
    "data/whiteboard_symbols/train",
    image_size=IMAGE_SIZE,
    batch_size=64,
)

model = keras.models.load_model("symbols_cnn.keras")
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-4), loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
model.fit(ft_ds, epochs=4)
model.save("symbols_cnn_whiteboard.keras")
