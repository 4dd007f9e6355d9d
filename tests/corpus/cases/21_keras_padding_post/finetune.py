import pickle

import pandas as pd
import tensorflow as tf
from tensorflow.keras.preprocessing.sequence import pad_sequences

MAXLEN = 50

with open("commands_tokenizer.pickle", "rb") as handle:
    tokenizer = pickle.load(handle)

df = pd.read_csv("data/commands_smart_home.csv")
X = pad_sequences(tokenizer.texts_to_sequences(df["command"]), maxlen=MAXLEN, padding="post")
y = df["action"].values

model = tf.keras.models.load_model("commands_rnn.keras")
model.compile(optimizer=tf.keras.optimizers.Adam(1e-4), loss="sparse_categorical_crossentropy")
model.fit(X, y, epochs=5, batch_size=32)
model.save("commands_rnn_smart_home.keras")
