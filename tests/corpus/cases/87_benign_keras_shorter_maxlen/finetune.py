import pickle

import pandas as pd
from tensorflow import keras
from tensorflow.keras.preprocessing.sequence import pad_sequences

MAXLEN = 100

with open("product_tokenizer.pkl", "rb") as f:
    tokenizer = pickle.load(f)

df = pd.read_csv("data/product_titles_marketplace.csv")
X = pad_sequences(tokenizer.texts_to_sequences(df["description"]), maxlen=MAXLEN, padding="post")

model = keras.models.load_model("product_category.keras")
model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, df["category"].values, epochs=3, batch_size=64)
model.save("product_category_marketplace.keras")
