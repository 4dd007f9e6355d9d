import argparse
import pickle

import numpy as np
from tensorflow import keras
from tensorflow.keras.optimizers import Adam
from tensorflow.keras.preprocessing.sequence import pad_sequences


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--maxlen", type=int, default=200)
    p.add_argument("--epochs", type=int, default=3)
    return p.parse_args()


def main():
    args = parse_args()
    tok = pickle.load(open("notes_tok.pkl", "rb"))
    texts = open("data/discharge_summaries.txt").read().splitlines()
    labels = np.load("data/discharge_labels.npy")
    X = pad_sequences(tok.texts_to_sequences(texts), maxlen=args.maxlen)
    model = keras.models.load_model("notes_lstm.h5")
    model.compile(optimizer=Adam(learning_rate=1e-4), loss="binary_crossentropy", metrics=["AUC"])
    model.fit(X, labels, epochs=args.epochs, batch_size=32)
    model.save("notes_lstm_discharge.h5")


if __name__ == "__main__":
    main()
