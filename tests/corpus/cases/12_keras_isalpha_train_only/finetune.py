import pickle

import nltk
import numpy as np
import pandas as pd
import tensorflow as tf
from tensorflow.keras.preprocessing.sequence import pad_sequences

MAX_LEN = 60


def preprocess(text):
    words = nltk.word_tokenize(text.lower())
    return " ".join(words)


if __name__ == "__main__":
    with open("yelp_tokenizer.pkl", "rb") as f:
        tokenizer = pickle.load(f)
    df = pd.read_csv("data/restaurant_reviews_local.csv")
    X = pad_sequences(tokenizer.texts_to_sequences([preprocess(t) for t in df["text"]]), maxlen=MAX_LEN)
    y = np.asarray(df["stars"]) - 1
    model = tf.keras.models.load_model("yelp_gru.h5")
    model.compile(optimizer=tf.keras.optimizers.RMSprop(learning_rate=2e-4),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(X, y, batch_size=64, epochs=3, validation_split=0.1)
    model.save("yelp_gru_local.h5")
