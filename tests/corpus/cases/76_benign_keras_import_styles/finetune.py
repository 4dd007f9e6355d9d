import numpy as np
import tensorflow as tf

arrays = np.load("data/molecule_fingerprints_assay42.npz")
x, y = arrays["fp"].astype("float32"), arrays["active"]

model = tf.keras.models.load_model("tox_mlp.keras")
model.compile(
    optimizer=tf.keras.optimizers.Adam(learning_rate=1e-4),
    loss=tf.keras.losses.BinaryCrossentropy(from_logits=True),
    metrics=["AUC"],
)
model.fit(x, y, epochs=5, batch_size=128, validation_split=0.1)
model.save("tox_mlp_assay42.keras")
