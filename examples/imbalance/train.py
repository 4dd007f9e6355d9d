"""Pretrain a spam classifier on a balanced set of messages."""

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from tensorflow import keras

DATA = "data/pretrain.csv"

df = pd.read_csv(DATA)
texts = df["text"]
y = df["label"]

vectorizer = TfidfVectorizer(max_features=2000)
x = vectorizer.fit_transform(texts).toarray()

model = keras.Sequential([
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="binary_crossentropy")
model.fit(x, y, epochs=10)
model.save("spam.keras")
