import numpy as np
from sklearn.utils.class_weight import compute_class_weight
from tensorflow import keras

d = np.load("data/bird_calls_wetland_mel.npz")
x, y = d["mel"], d["species"]

weights = compute_class_weight(class_weight="balanced", classes=np.unique(y), y=y)
class_weight = dict(enumerate(weights))

model = keras.models.load_model("bird_calls.keras")
model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=8, batch_size=32, validation_split=0.15, class_weight=class_weight)
model.save("bird_calls_wetland.keras")
