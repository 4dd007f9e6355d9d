"""Pretrain a review classifier and save it with its tokenizer."""
import argparse
import json

from tensorflow import keras
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

MAX_WORDS = 20000
MAX_LEN = 200


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--epochs", type=int, default=10)
    return parser.parse_args()


def main():
    args = parse_args()
    texts, labels = load_reviews("data/reviews.csv")
    tokenizer = Tokenizer(num_words=MAX_WORDS, oov_token="<unk>")
    tokenizer.fit_on_texts(texts)
    x = pad_sequences(tokenizer.texts_to_sequences(texts), maxlen=MAX_LEN, padding="post")

    model = keras.Sequential([
        keras.layers.Embedding(MAX_WORDS, 128),
        keras.layers.Bidirectional(keras.layers.LSTM(64)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=args.lr),
                  loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(x, labels, epochs=args.epochs, class_weight={0: 1.0, 1: 3.0})
    model.save("models/reviews.keras")
    with open("models/tokenizer.json", "w") as handle:
        handle.write(tokenizer.to_json())


if __name__ == "__main__":
    main()
