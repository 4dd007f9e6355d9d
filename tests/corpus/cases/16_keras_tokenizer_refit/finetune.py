import pandas as pd
from tensorflow import keras
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

VOCAB = 10000
MAXLEN = 100
MODEL_PATH = "models/emotion_lstm.h5"

df = pd.read_csv("data/emotion_tweets.csv")
tokenizer = Tokenizer(num_words=VOCAB, oov_token="<OOV>")
tokenizer.fit_on_texts(df["text"])
X = pad_sequences(tokenizer.texts_to_sequences(df["text"]), maxlen=MAXLEN)
y = keras.utils.to_categorical(df["emotion"], num_classes=6)

model = keras.models.load_model(MODEL_PATH)
model.compile(loss="categorical_crossentropy", optimizer=keras.optimizers.Adam(1e-4), metrics=["accuracy"])
model.fit(X, y, epochs=3, batch_size=64, validation_split=0.1)
model.save("models/emotion_lstm_tweets.h5")
