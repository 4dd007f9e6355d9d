import pandas as pd
from nltk.corpus import stopwords
from tensorflow import keras
from tensorflow.keras.layers import Dense, Embedding, GlobalAveragePooling1D
from tensorflow.keras.optimizers import Adam
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

STOP = set(stopwords.words("english"))
MAXLEN = 150
NUM_WORDS = 15000


def clean(text):
    return " ".join(w for w in text.lower().split() if w not in STOP)


df = pd.read_csv("data/headlines.csv")
texts = [clean(t) for t in df["headline"]]

tok = Tokenizer(num_words=NUM_WORDS, oov_token="<OOV>")
tok.fit_on_texts(texts)
X = pad_sequences(tok.texts_to_sequences(texts), maxlen=MAXLEN)

model = keras.Sequential([
    Embedding(NUM_WORDS, 64),
    GlobalAveragePooling1D(),
    Dense(32, activation="relu"),
    Dense(1, activation="sigmoid"),
])
model.compile(optimizer=Adam(learning_rate=1e-3), loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, df["is_sarcastic"].values, epochs=10, validation_split=0.2)

model.save("sarcasm.h5")
with open("sarcasm_tokenizer.json", "w") as f:
    f.write(tok.to_json())
