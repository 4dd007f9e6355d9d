import json

import numpy as np
import pandas as pd
import spacy
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.preprocessing.sequence import pad_sequences

nlp = spacy.load("en_core_web_sm", disable=["parser", "ner"])
MAXLEN = 120
VOCAB_FILE = "vocab.json"


def tokenize(text):
    return [tok.text.lower() for tok in nlp(text)]


def to_ids(texts, vocab):
    seqs = [[vocab.get(w, 1) for w in tokenize(t)] for t in texts]
    return pad_sequences(seqs, maxlen=MAXLEN)


df = pd.read_csv("data/intents_train.csv")
words = sorted({w for t in df["utterance"] for w in tokenize(t)})
vocab = {w: i + 2 for i, w in enumerate(words)}
X = to_ids(df["utterance"], vocab)
y = df["intent_id"].values

model = keras.Sequential([
    layers.Embedding(len(vocab) + 2, 64),
    layers.Bidirectional(layers.LSTM(64)),
    layers.Dense(64, activation="relu"),
    layers.Dense(12, activation="softmax"),
])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=10, batch_size=32, validation_split=0.1)

model.save("intent_model.keras")
with open(VOCAB_FILE, "w") as f:
    json.dump(vocab, f)
