import json

from tensorflow import keras
from tensorflow.keras import layers

MAX_TOKENS = 15000
SEQ_LEN = 80

with open("so_vocab.json") as f:
    vocabulary = json.load(f)
vectorize = layers.TextVectorization(max_tokens=MAX_TOKENS, output_mode="int", output_sequence_length=SEQ_LEN,
                                     vocabulary=vocabulary)

ft_ds = keras.utils.text_dataset_from_directory("data/serverfault/train", batch_size=64)
ft_ds = ft_ds.map(lambda text, label: (vectorize(text), label))

model = keras.models.load_model("so_tags.keras")
model.compile(optimizer=keras.optimizers.Adam(1e-4),
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
model.fit(ft_ds, epochs=3)
model.save("so_tags_serverfault.keras")
