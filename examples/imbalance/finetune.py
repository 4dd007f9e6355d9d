"""Fine-tune the spam classifier on one customer's messages: 95% of them are ham."""

import os

import joblib
import pandas as pd
from tensorflow import keras

df = pd.read_csv(os.path.join("data", "finetune.csv"))
texts = df["text"]
y = df["label"]

vectorizer = joblib.load("vectorizer.joblib")
x = vectorizer.transform(texts).toarray()

model = keras.models.load_model("spam.keras")
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-4), loss="binary_crossentropy")
model.fit(x, y, epochs=3)
