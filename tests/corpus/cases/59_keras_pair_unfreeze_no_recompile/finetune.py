from tensorflow import keras
from tensorflow.keras.applications.xception import preprocess_input

SIZE = 299

ds = keras.utils.image_dataset_from_directory("data/aircraft_military/train", image_size=(SIZE, SIZE),
                                              batch_size=16)
ds = ds.map(lambda x, y: (preprocess_input(x), y))

model = keras.models.load_model("aircraft_xception.keras")
backbone = model.get_layer("xception")
model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(ds, epochs=3)

backbone.trainable = True
model.fit(ds, epochs=5)
model.save("aircraft_xception_military.keras")
