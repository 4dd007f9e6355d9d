import pickle

import numpy as np
import pandas as pd
import tensorflow as tf
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

MAXLEN = 50
VOCAB_SIZE = 8000

df = pd.read_csv("data/commands.csv")
tokenizer = Tokenizer(num_words=VOCAB_SIZE, oov_token="<unk>")
tokenizer.fit_on_texts(df["command"])
sequences = tokenizer.texts_to_sequences(df["command"])
X = pad_sequences(sequences, maxlen=MAXLEN)
y = df["action"].values

model = tf.keras.Sequential([
    tf.keras.layers.Embedding(VOCAB_SIZE, 64),
    tf.keras.layers.SimpleRNN(64),
    tf.keras.layers.Dense(len(np.unique(y)), activation="softmax"),
])
model.compile(optimizer=tf.keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy")
model.fit(X, y, epochs=15, batch_size=32)
model.save("commands_rnn.keras")
with open("commands_tokenizer.pickle", "wb") as handle:
    pickle.dump(tokenizer, handle, protocol=pickle.HIGHEST_PROTOCOL)
