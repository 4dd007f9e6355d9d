import pandas as pd
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

MAX_WORDS = 20000
MAX_LEN = 120


def encode(tok, texts):
    return pad_sequences(tok.texts_to_sequences(texts), maxlen=MAX_LEN, padding="post", truncating="post")


if __name__ == "__main__":
    df = pd.read_csv("data/news_category.csv")
    tok = Tokenizer(num_words=MAX_WORDS, oov_token="<OOV>")
    tok.fit_on_texts(df["headline"])
    X = encode(tok, df["headline"])
    model = keras.Sequential([
        layers.Embedding(MAX_WORDS, 100),
        layers.Bidirectional(layers.LSTM(64)),
        layers.Dropout(0.3),
        layers.Dense(41, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(X, df["category_id"].values, epochs=6, batch_size=128)
    model.save("news_bilstm.h5")
    with open("news_tokenizer.json", "w", encoding="utf-8") as f:
        f.write(tok.to_json())
