import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

CLASS_WEIGHT = {0: 1.0, 1: 12.0}
IMG = (128, 128)

train_ds = keras.utils.image_dataset_from_directory("data/weld_inspection/train", image_size=IMG,
                                                    batch_size=32, label_mode="binary")

model = keras.Sequential([
    keras.Input(shape=IMG + (3,)),
    layers.Rescaling(1.0 / 255),
    layers.Conv2D(16, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy",
              metrics=[keras.metrics.Recall(), keras.metrics.Precision()])
model.fit(train_ds, epochs=25, class_weight=CLASS_WEIGHT)
model.save("weld_defects.keras")
