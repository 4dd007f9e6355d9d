import pandas as pd
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

MAX_TOKENS = 25000
SEQ_LEN = 128

vectorize = layers.TextVectorization(max_tokens=MAX_TOKENS, output_sequence_length=SEQ_LEN)


def build_classifier():
    inputs = keras.Input(shape=(SEQ_LEN,), dtype="int64")
    x = layers.Embedding(MAX_TOKENS, 96, mask_zero=True)(inputs)
    x = layers.Bidirectional(layers.GRU(48))(x)
    x = layers.Dense(48, activation="relu")(x)
    outputs = layers.Dense(3, activation="softmax")(x)
    return keras.Model(inputs, outputs)


# Original training
news = pd.read_csv("data/news_stance.csv")
vectorize.adapt(news["headline"].values)
X = vectorize(news["headline"].values)
model = build_classifier()
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, news["stance"].values, epochs=6, batch_size=64)
model.save_weights("stance.weights.h5")

# Fine-tuning
claims = pd.read_csv("data/claims_stance.csv")
vectorize.adapt(claims["headline"].values)
X_ft = vectorize(claims["headline"].values)
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-4),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X_ft, claims["stance"].values, epochs=2, batch_size=32)
model.save_weights("stance_claims.weights.h5")
