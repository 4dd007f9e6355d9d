import pandas as pd
from tensorflow import keras
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import tokenizer_from_json

MAX_LEN = 120


def encode(tok, texts):
    return pad_sequences(tok.texts_to_sequences(texts), maxlen=MAX_LEN, padding="post", truncating="post")


if __name__ == "__main__":
    with open("news_tokenizer.json", encoding="utf-8") as f:
        tok = tokenizer_from_json(f.read())
    df = pd.read_csv("data/news_category_regional.csv")
    X = encode(tok, df["headline"])
    model = keras.models.load_model("news_bilstm.h5")
    model.compile(optimizer=keras.optimizers.Adam(2e-4), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(X, df["category_id"].values, epochs=3, batch_size=64)
    model.save("news_bilstm_regional.h5")
