import os

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

MAX_TOKENS = 20000
SEQ_LEN = 200
BATCH = 128
ART = "artifacts"

raw_train = keras.utils.text_dataset_from_directory(
    "data/amazon_reviews/train", batch_size=BATCH, validation_split=0.1, subset="training", seed=1337
)
raw_val = keras.utils.text_dataset_from_directory(
    "data/amazon_reviews/train", batch_size=BATCH, validation_split=0.1, subset="validation", seed=1337
)

vectorize = layers.TextVectorization(
    max_tokens=MAX_TOKENS, output_mode="int", output_sequence_length=SEQ_LEN
)
vectorize.adapt(raw_train.map(lambda x, y: x))

os.makedirs(ART, exist_ok=True)
with open(f"{ART}/vocab.txt", "w", encoding="utf-8") as f:
    f.write("\n".join(vectorize.get_vocabulary()))

train_ds = raw_train.map(lambda x, y: (vectorize(x), y)).prefetch(tf.data.AUTOTUNE)
val_ds = raw_val.map(lambda x, y: (vectorize(x), y)).prefetch(tf.data.AUTOTUNE)

inputs = keras.Input(shape=(SEQ_LEN,), dtype="int64")
x = layers.Embedding(MAX_TOKENS, 128)(inputs)
x = layers.Conv1D(128, 7, activation="relu")(x)
x = layers.Conv1D(128, 7, activation="relu")(x)
x = layers.GlobalMaxPooling1D()(x)
x = layers.Dropout(0.3)(x)
outputs = layers.Dense(1, activation="sigmoid", name="head")(x)
model = keras.Model(inputs, outputs, name="review_cnn")

model.compile(
    optimizer=keras.optimizers.Adam(1e-3),
    loss="binary_crossentropy",
    metrics=["accuracy"],
)
model.fit(train_ds, validation_data=val_ds, epochs=6)
model.save(f"{ART}/review_cnn.keras")
