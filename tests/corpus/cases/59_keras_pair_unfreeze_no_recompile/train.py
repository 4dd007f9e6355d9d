from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.applications import Xception
from tensorflow.keras.applications.xception import preprocess_input

SIZE = 299

ds = keras.utils.image_dataset_from_directory("data/aircraft/train", image_size=(SIZE, SIZE), batch_size=16)
ds = ds.map(lambda x, y: (preprocess_input(x), y))

backbone = Xception(weights="imagenet", include_top=False, input_shape=(SIZE, SIZE, 3))
backbone.trainable = False
inputs = keras.Input(shape=(SIZE, SIZE, 3))
x = backbone(inputs, training=False)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(100, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(ds, epochs=15)
model.save("aircraft_xception.keras")
