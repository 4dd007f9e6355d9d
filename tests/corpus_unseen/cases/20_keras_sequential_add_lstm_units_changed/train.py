"""Pretrain a news-topic classifier (AG News style) built with Sequential.add."""
import pickle

import pandas as pd
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

NUM_WORDS = 20000
MAXLEN = 100
N_TOPICS = 4

news = pd.read_csv("data/ag_news_train.csv")
texts = (news["title"] + " " + news["description"]).tolist()

tokenizer = Tokenizer(num_words=NUM_WORDS, oov_token="<oov>")
tokenizer.fit_on_texts(texts)
with open("artifacts/news_tokenizer.pkl", "wb") as fh:
    pickle.dump(tokenizer, fh)

X = pad_sequences(tokenizer.texts_to_sequences(texts), maxlen=MAXLEN, padding="post")
y = news["label"].values

model = keras.Sequential()
model.add(keras.Input(shape=(MAXLEN,)))
model.add(layers.Embedding(NUM_WORDS, 128))
model.add(layers.Conv1D(64, 5, activation="relu"))
model.add(layers.MaxPooling1D(4))
model.add(layers.LSTM(128))
model.add(layers.Dropout(0.3))
model.add(layers.Dense(N_TOPICS, activation="softmax"))

model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, y, batch_size=256, epochs=5, validation_split=0.05)
model.save_weights("artifacts/news_pretrain.weights.h5")
