import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

IMAGE_SIZE = (180, 180)

augmentation = keras.Sequential([
    layers.RandomFlip("horizontal_and_vertical"),
    layers.RandomRotation(0.2),
    layers.RandomZoom(0.1),
])

ft_ds = keras.utils.image_dataset_from_directory("data/leaves_orchard/train", image_size=IMAGE_SIZE, batch_size=32)
ft_ds = ft_ds.map(lambda x, y: (augmentation(x, training=True), y), num_parallel_calls=tf.data.AUTOTUNE)

model = keras.models.load_model("leaves_cnn.keras")
model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(ft_ds, epochs=10)
model.save("leaves_cnn_orchard.keras")
