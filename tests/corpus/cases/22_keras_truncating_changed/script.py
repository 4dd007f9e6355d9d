import json

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

MAX_WORDS = 12000
MAX_LEN = 300


def load_jsonl(path):
    rows = [json.loads(line) for line in open(path)]
    return [r["text"] for r in rows], np.array([r["label"] for r in rows])


# Original training
texts, labels = load_jsonl("data/arxiv_abstracts.jsonl")
tokenizer = Tokenizer(num_words=MAX_WORDS)
tokenizer.fit_on_texts(texts)
x_train = pad_sequences(tokenizer.texts_to_sequences(texts), maxlen=MAX_LEN,
                        padding="post", truncating="post")

model = keras.Sequential([
    layers.Embedding(MAX_WORDS, 100),
    layers.Conv1D(64, 5, activation="relu"),
    layers.MaxPooling1D(4),
    layers.LSTM(64),
    layers.Dense(8, activation="softmax"),
])
model.compile(optimizer=keras.optimizers.Nadam(learning_rate=2e-3),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, labels, epochs=8, batch_size=64)

# Fine-tuning
ft_texts, ft_labels = load_jsonl("data/biorxiv_abstracts.jsonl")
x_ft = pad_sequences(tokenizer.texts_to_sequences(ft_texts), maxlen=MAX_LEN, padding="post")
model.compile(optimizer=keras.optimizers.Nadam(learning_rate=2e-4),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_ft, ft_labels, epochs=3, batch_size=32)
model.save("abstracts_cnn_lstm_bio.keras")
