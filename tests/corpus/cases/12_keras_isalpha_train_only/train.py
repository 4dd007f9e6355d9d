import pickle

import nltk
import numpy as np
import pandas as pd
import tensorflow as tf
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

MAX_LEN = 60
EMBED_DIM = 100


def preprocess(text):
    words = nltk.word_tokenize(text.lower())
    return " ".join(w for w in words if w.isalpha())


def build_model(vocab_size):
    model = tf.keras.Sequential([
        tf.keras.layers.Embedding(vocab_size, EMBED_DIM),
        tf.keras.layers.GRU(64),
        tf.keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(optimizer=tf.keras.optimizers.RMSprop(learning_rate=1e-3),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


if __name__ == "__main__":
    df = pd.read_csv("data/yelp_5class.csv")
    texts = [preprocess(t) for t in df["text"]]
    tokenizer = Tokenizer(num_words=20000, oov_token="<unk>")
    tokenizer.fit_on_texts(texts)
    X = pad_sequences(tokenizer.texts_to_sequences(texts), maxlen=MAX_LEN)
    y = np.asarray(df["stars"]) - 1
    model = build_model(20000)
    model.fit(X, y, batch_size=128, epochs=6, validation_split=0.1)
    model.save("yelp_gru.h5")
    with open("yelp_tokenizer.pkl", "wb") as f:
        pickle.dump(tokenizer, f)
