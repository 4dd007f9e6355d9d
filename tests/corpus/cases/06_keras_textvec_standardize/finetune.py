import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

MAX_TOKENS = 20000
SEQ_LEN = 200
BATCH = 32

with open("imdb_vocab.txt") as f:
    vocab = f.read().split("\n")

vectorizer = layers.TextVectorization(
    max_tokens=MAX_TOKENS,
    standardize="strip_punctuation",
    output_mode="int",
    output_sequence_length=SEQ_LEN,
    vocabulary=vocab,
)

ds = keras.utils.text_dataset_from_directory("movie_reviews_fr_translated/train", batch_size=BATCH)
int_ds = ds.map(lambda x, y: (vectorizer(x), y))

model = keras.models.load_model("imdb_cnn.keras")
model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="binary_crossentropy", metrics=["accuracy"])
model.fit(int_ds, epochs=2)
model.save("imdb_cnn_ft.keras")
