import argparse
import pickle

import numpy as np
from tensorflow import keras
from tensorflow.keras.layers import LSTM, Dense, Dropout, Embedding
from tensorflow.keras.models import Sequential
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--maxlen", type=int, default=100)
    p.add_argument("--vocab", type=int, default=20000)
    p.add_argument("--epochs", type=int, default=10)
    return p.parse_args()


def main():
    args = parse_args()
    texts = open("data/clinical_notes.txt").read().splitlines()
    labels = np.load("data/clinical_labels.npy")
    tok = Tokenizer(num_words=args.vocab)
    tok.fit_on_texts(texts)
    X = pad_sequences(tok.texts_to_sequences(texts), maxlen=args.maxlen)
    model = Sequential([
        Embedding(args.vocab, 128),
        LSTM(96),
        Dropout(0.3),
        Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["AUC"])
    model.fit(X, labels, epochs=args.epochs, batch_size=64)
    model.save("notes_lstm.h5")
    pickle.dump(tok, open("notes_tok.pkl", "wb"))


if __name__ == "__main__":
    main()
