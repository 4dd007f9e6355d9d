import pickle

import pandas as pd
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

MAXLEN = 200
NUM_WORDS = 30000

df = pd.read_csv("data/product_descriptions.csv")
tokenizer = Tokenizer(num_words=NUM_WORDS, oov_token="[UNK]")
tokenizer.fit_on_texts(df["description"])
X = pad_sequences(tokenizer.texts_to_sequences(df["description"]), maxlen=MAXLEN, padding="post")

model = keras.Sequential([
    layers.Embedding(NUM_WORDS, 128),
    layers.GlobalAveragePooling1D(),
    layers.Dense(128, activation="relu"),
    layers.Dense(30, activation="softmax"),
])
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, df["category"].values, epochs=8, batch_size=128)
model.save("product_category.keras")
with open("product_tokenizer.pkl", "wb") as f:
    pickle.dump(tokenizer, f)
