"""IMDB-style sentiment pretraining with a Keras Tokenizer and Sequential.add."""
import pandas as pd
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

VOCAB_SIZE = 20000
MAXLEN = 200

df = pd.read_csv("data/movie_reviews.csv")
texts, labels = df["review"].tolist(), df["sentiment"].values

tokenizer = Tokenizer(num_words=VOCAB_SIZE, oov_token="<unk>")
tokenizer.fit_on_texts(texts)
with open("artifacts/tokenizer.json", "w", encoding="utf-8") as f:
    f.write(tokenizer.to_json())

X = pad_sequences(tokenizer.texts_to_sequences(texts), maxlen=MAXLEN, padding="post", truncating="post")

model = keras.Sequential()
model.add(keras.Input(shape=(MAXLEN,)))
model.add(layers.Embedding(VOCAB_SIZE, 100))
model.add(layers.Bidirectional(layers.LSTM(64, return_sequences=True)))
model.add(layers.GlobalMaxPooling1D())
model.add(layers.Dense(64, activation="relu"))
model.add(layers.Dropout(0.4))
model.add(layers.Dense(1, activation="sigmoid"))

model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, labels, batch_size=128, epochs=10, validation_split=0.1)
model.save("artifacts/sentiment_lstm.keras")
