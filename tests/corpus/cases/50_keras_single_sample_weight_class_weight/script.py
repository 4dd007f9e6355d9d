import numpy as np
from sklearn.utils import class_weight
from tensorflow import keras
from tensorflow.keras import layers

IMG = (96, 96)


def load_split(path):
    data = np.load(path)
    return data["images"].astype("float32") / 255.0, data["labels"]


model = keras.Sequential([
    keras.Input(shape=IMG + (3,)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.GlobalAveragePooling2D(),
    layers.Dense(64, activation="relu"),
    layers.Dense(4, activation="softmax"),
])

# Original training
x_train, y_train = load_split("data/skin_lesions_clinic_a.npz")
cw = class_weight.compute_class_weight("balanced", classes=np.unique(y_train), y=y_train)
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=30, batch_size=32, class_weight=dict(enumerate(cw)))

# Fine-tuning
x_ft, y_ft = load_split("data/skin_lesions_clinic_b.npz")
sw = class_weight.compute_sample_weight("balanced", y_ft)
model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_ft, y_ft, epochs=5, batch_size=32, class_weight=sw)
model.save("lesions_clinic_b.keras")
