from tensorflow import keras

IMG = (128, 128)

ft_ds = keras.utils.image_dataset_from_directory("data/weld_inspection_line7/train", image_size=IMG,
                                                 batch_size=32, label_mode="binary")

model = keras.models.load_model("weld_defects.keras")
model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="binary_crossentropy",
              metrics=[keras.metrics.Recall(), keras.metrics.Precision()])
model.fit(ft_ds, epochs=5)
model.save("weld_defects_line7.keras")
