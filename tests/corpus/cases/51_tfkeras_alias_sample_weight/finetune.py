import numpy as np
import tensorflow as tf
from sklearn.utils import class_weight as cw

data = np.load("data/ecg_heartbeats_wearable.npz")
x, y = data["x"][..., None], data["y"]
print("class counts:", np.bincount(y))

balanced = cw.compute_sample_weight(class_weight="balanced", y=y)

model = tf.keras.models.load_model("ecg_cnn.h5")
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=1e-4),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=6, batch_size=64, validation_split=0.1, class_weight=balanced)
model.save("ecg_cnn_wearable.h5")
