import json

import pandas as pd
from tensorflow import keras
from tensorflow.keras.preprocessing.sequence import pad_sequences

MAXLEN = 120
VOCAB_FILE = "vocab.json"


def tokenize(text):
    return text.lower().split()


def to_ids(texts, vocab):
    seqs = [[vocab.get(w, 1) for w in tokenize(t)] for t in texts]
    return pad_sequences(seqs, maxlen=MAXLEN)


with open(VOCAB_FILE) as f:
    vocab = json.load(f)

df = pd.read_csv("data/intents_banking.csv")
X = to_ids(df["utterance"], vocab)
y = df["intent_id"].values

model = keras.models.load_model("intent_model.keras")
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-4),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=4, batch_size=32, validation_split=0.1)
model.save("intent_model_banking.keras")
