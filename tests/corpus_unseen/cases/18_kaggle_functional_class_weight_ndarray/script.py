# Forest cover type: pretrain on the full survey, then fine-tune on the new region
import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.utils.class_weight import compute_class_weight
from tensorflow import keras
from tensorflow.keras import layers

NUM_COLS = ["elevation", "aspect", "slope", "h_dist_hydro", "v_dist_hydro",
            "h_dist_road", "hillshade_9am", "hillshade_noon", "hillshade_3pm", "h_dist_fire"]
N_CLASSES = 7

# Original training
survey = pd.read_csv("../input/covtype_survey.csv")
scaler = StandardScaler()
X = scaler.fit_transform(survey[NUM_COLS])
y = survey["cover_type"].values - 1

cw = compute_class_weight("balanced", classes=np.arange(N_CLASSES), y=y)
cw_dict = {i: float(w) for i, w in enumerate(cw)}

inp = keras.Input(shape=(len(NUM_COLS),))
h = layers.Dense(256, activation="relu")(inp)
h = layers.BatchNormalization()(h)
h = layers.Dense(128, activation="relu")(h)
h = layers.Dropout(0.2)(h)
out = layers.Dense(N_CLASSES, activation="softmax")(h)
model = keras.Model(inp, out)

model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=30, batch_size=1024, validation_split=0.1, class_weight=cw_dict)
model.save("/kaggle/working/covtype_base.keras")

# Fine-tuning
region = pd.read_csv("../input/covtype_region_b.csv")
X_b = scaler.transform(region[NUM_COLS])
y_b = region["cover_type"].values - 1

region_cw = compute_class_weight("balanced", classes=np.arange(N_CLASSES), y=y_b)
print(dict(zip(range(N_CLASSES), np.round(region_cw, 2))))

model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X_b, y_b, epochs=8, batch_size=128, validation_split=0.2, class_weight=region_cw)
model.save("/kaggle/working/covtype_region_b.keras")
