import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

MAX_TOKENS = 20000
SEQ_LEN = 200
BATCH = 32

train_ds = keras.utils.text_dataset_from_directory("aclImdb/train", batch_size=BATCH)
text_only = train_ds.map(lambda x, y: x)

vectorizer = layers.TextVectorization(
    max_tokens=MAX_TOKENS,
    standardize="lower_and_strip_punctuation",
    output_mode="int",
    output_sequence_length=SEQ_LEN,
)
vectorizer.adapt(text_only)

with open("imdb_vocab.txt", "w") as f:
    f.write("\n".join(vectorizer.get_vocabulary()))

int_ds = train_ds.map(lambda x, y: (vectorizer(x), y))

inputs = keras.Input(shape=(SEQ_LEN,), dtype="int64")
x = layers.Embedding(MAX_TOKENS, 128)(inputs)
x = layers.Conv1D(128, 7, activation="relu")(x)
x = layers.GlobalMaxPooling1D()(x)
x = layers.Dropout(0.5)(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(int_ds, epochs=5)
model.save("imdb_cnn.keras")
