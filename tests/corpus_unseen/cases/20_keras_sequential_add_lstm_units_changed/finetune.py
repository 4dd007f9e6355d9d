"""Fine-tune the news-topic model on our press-release archive (same 4 topics)."""
import pickle

import pandas as pd
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.preprocessing.sequence import pad_sequences

NUM_WORDS = 20000
MAXLEN = 100
N_TOPICS = 4


def build_model():
    model = keras.Sequential()
    model.add(keras.Input(shape=(MAXLEN,)))
    model.add(layers.Embedding(NUM_WORDS, 128))
    model.add(layers.Conv1D(64, 5, activation="relu"))
    model.add(layers.MaxPooling1D(4))
    model.add(layers.LSTM(64))
    model.add(layers.Dropout(0.3))
    model.add(layers.Dense(N_TOPICS, activation="softmax"))
    return model


with open("artifacts/news_tokenizer.pkl", "rb") as fh:
    tokenizer = pickle.load(fh)

releases = pd.read_csv("data/press_releases.csv")
texts = (releases["headline"] + " " + releases["body"].str.slice(0, 500)).tolist()
X = pad_sequences(tokenizer.texts_to_sequences(texts), maxlen=MAXLEN, padding="post")
y = releases["topic"].values

model = build_model()
model.load_weights("artifacts/news_pretrain.weights.h5")
model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, y, batch_size=32, epochs=3, validation_split=0.2)
model.save("artifacts/news_press_releases.keras")
