import json

import numpy as np
import pandas as pd
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

VOCAB = 10000
MAXLEN = 100
MODEL_PATH = "models/emotion_lstm.h5"
TOKENIZER_PATH = "models/emotion_tokenizer.json"

df = pd.read_csv("data/emotion_train.csv")
tokenizer = Tokenizer(num_words=VOCAB, oov_token="<OOV>")
tokenizer.fit_on_texts(df["text"])
X = pad_sequences(tokenizer.texts_to_sequences(df["text"]), maxlen=MAXLEN)
y = keras.utils.to_categorical(df["emotion"], num_classes=6)

model = keras.Sequential([
    layers.Embedding(VOCAB, 128),
    layers.LSTM(128, dropout=0.2),
    layers.Dense(6, activation="softmax"),
])
model.compile(loss="categorical_crossentropy", optimizer=keras.optimizers.Adam(1e-3), metrics=["accuracy"])
model.fit(X, y, epochs=8, batch_size=64, validation_split=0.1)
model.save(MODEL_PATH)
with open(TOKENIZER_PATH, "w") as f:
    f.write(tokenizer.to_json())
