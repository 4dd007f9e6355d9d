import json

from tensorflow import keras
from tensorflow.keras import layers

MAX_TOKENS = 15000
SEQ_LEN = 80

train_ds = keras.utils.text_dataset_from_directory("data/stackoverflow/train", batch_size=64)
vectorize = layers.TextVectorization(max_tokens=MAX_TOKENS, output_mode="int", output_sequence_length=SEQ_LEN)
vectorize.adapt(train_ds.map(lambda text, label: text))
with open("so_vocab.json", "w") as f:
    json.dump(vectorize.get_vocabulary(), f)

train_ds = train_ds.map(lambda text, label: (vectorize(text), label))
model = keras.Sequential([
    layers.Embedding(MAX_TOKENS, 64),
    layers.Conv1D(64, 5, activation="relu"),
    layers.GlobalMaxPooling1D(),
    layers.Dense(4),
])
model.compile(optimizer=keras.optimizers.Adam(1e-3),
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
model.fit(train_ds, epochs=10)
model.save("so_tags.keras")
