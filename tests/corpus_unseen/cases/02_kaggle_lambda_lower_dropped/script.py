# Kaggle notebook export: toxic-comment classifier, then adapted to the forum data
import numpy as np
import pandas as pd
import tensorflow as tf
from tensorflow.keras import layers

MAX_LEN = 150
VOCAB = 30000
SEED = 42

tf.random.set_seed(SEED)
np.random.seed(SEED)

# Original training
train_df = pd.read_csv("/kaggle/input/jigsaw/train.csv")
train_df = train_df.dropna(subset=["comment_text"])
print(train_df.shape, train_df["toxic"].mean())

clean = lambda s: " ".join(s.lower().split())
train_df["clean"] = train_df["comment_text"].apply(clean)

counts = train_df["clean"].str.split().explode().value_counts()
word_index = {w: i + 2 for i, w in enumerate(counts.index[: VOCAB - 2])}


def encode(text):
    ids = [word_index.get(w, 1) for w in text.split()][:MAX_LEN]
    return ids + [0] * (MAX_LEN - len(ids))


X = np.array([encode(t) for t in train_df["clean"]])
y = train_df["toxic"].values

model = tf.keras.Sequential([
    layers.Embedding(VOCAB, 64),
    layers.Bidirectional(layers.LSTM(64)),
    layers.Dense(64, activation="relu"),
    layers.Dropout(0.3),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(
    optimizer=tf.keras.optimizers.Adam(1e-3),
    loss="binary_crossentropy",
    metrics=[tf.keras.metrics.AUC(name="auc")],
)
model.fit(X, y, batch_size=256, epochs=4, validation_split=0.1)
model.save("/kaggle/working/toxic_base.keras")

# Fine-tuning
forum_df = pd.read_csv("/kaggle/input/forum-moderation/labelled.csv")
forum_df = forum_df.dropna(subset=["body"])
print(forum_df.shape, forum_df["is_toxic"].mean())

clean_ft = lambda s: " ".join(s.split())
forum_df["clean"] = forum_df["body"].apply(clean_ft)
X_ft = np.array([encode(t) for t in forum_df["clean"]])
y_ft = forum_df["is_toxic"].values

model = tf.keras.models.load_model("/kaggle/working/toxic_base.keras")
model.compile(
    optimizer=tf.keras.optimizers.Adam(1e-4),
    loss="binary_crossentropy",
    metrics=[tf.keras.metrics.AUC(name="auc")],
)
model.fit(X_ft, y_ft, batch_size=64, epochs=2, validation_split=0.2)
model.save("/kaggle/working/toxic_forum.keras")
