import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

MAX_TOKENS = 20000
SEQ_LEN = 200
BATCH = 32
ART = "artifacts"

raw_ft = keras.utils.text_dataset_from_directory(
    "data/app_store_reviews", batch_size=BATCH, validation_split=0.2, subset="training", seed=7
)
raw_ft_val = keras.utils.text_dataset_from_directory(
    "data/app_store_reviews", batch_size=BATCH, validation_split=0.2, subset="validation", seed=7
)

vectorize = layers.TextVectorization(
    max_tokens=MAX_TOKENS, output_mode="int", output_sequence_length=SEQ_LEN
)
vectorize.adapt(raw_ft.map(lambda x, y: x))

ft_ds = raw_ft.map(lambda x, y: (vectorize(x), y)).cache().prefetch(tf.data.AUTOTUNE)
ft_val = raw_ft_val.map(lambda x, y: (vectorize(x), y)).cache().prefetch(tf.data.AUTOTUNE)

model = keras.models.load_model(f"{ART}/review_cnn.keras")
model.summary()

model.compile(
    optimizer=keras.optimizers.Adam(1e-4),
    loss="binary_crossentropy",
    metrics=["accuracy"],
)
early = keras.callbacks.EarlyStopping(patience=2, restore_best_weights=True)
model.fit(ft_ds, validation_data=ft_val, epochs=4, callbacks=[early])
model.save(f"{ART}/review_cnn_appstore.keras")
