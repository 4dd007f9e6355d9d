import pandas as pd
from tensorflow import keras
from tensorflow.keras.optimizers import Adam
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import tokenizer_from_json

MAXLEN = 150


def clean(text):
    return " ".join(text.lower().split())


with open("sarcasm_tokenizer.json") as f:
    tok = tokenizer_from_json(f.read())

df = pd.read_csv("data/reddit_sarcasm.csv")
texts = [clean(t) for t in df["comment"]]
X = pad_sequences(tok.texts_to_sequences(texts), maxlen=MAXLEN)

model = keras.models.load_model("sarcasm.h5")
model.compile(optimizer=Adam(learning_rate=1e-4), loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, df["label"].values, epochs=3, validation_split=0.2)
model.save("sarcasm_reddit.h5")
