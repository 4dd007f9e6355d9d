import numpy as np
import tensorflow as tf

LR = 1e-4

data = np.load("data/catalog_thumbnails_28px.npz")
x = data["x"][..., None] / 255.0
y = data["y"]

model = tf.keras.models.load_model("fashion_cnn.keras")
model.compile(
    optimizer=tf.keras.optimizers.Adam(LR),
    loss=tf.keras.losses.SparseCategoricalCrossentropy(),
    metrics=["accuracy"],
)
model.fit(x, y, epochs=3, batch_size=64)
model.save("fashion_cnn_catalog.keras")
