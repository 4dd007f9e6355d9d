from tensorflow import keras
from tensorflow.keras import layers

IMG_SIZE = (150, 150)

train_ds, validation_ds = keras.utils.image_dataset_from_directory(
    "data/horses_or_humans", image_size=IMG_SIZE, batch_size=32,
    validation_split=0.2, subset="both", seed=1337,
)

data_augmentation = keras.Sequential([layers.RandomFlip("horizontal"), layers.RandomRotation(0.1)])

base_model = keras.applications.Xception(weights="imagenet", input_shape=IMG_SIZE + (3,), include_top=False)
base_model.trainable = False

inputs = keras.Input(shape=IMG_SIZE + (3,))
x = data_augmentation(inputs)
x = layers.Rescaling(scale=1 / 127.5, offset=-1)(x)
x = base_model(x, training=False)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.2)(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)

model.compile(
    optimizer=keras.optimizers.Adam(),
    loss=keras.losses.BinaryCrossentropy(from_logits=True),
    metrics=[keras.metrics.BinaryAccuracy()],
)
model.fit(train_ds, epochs=20, validation_data=validation_ds)

base_model.trainable = True
model.compile(
    optimizer=keras.optimizers.Adam(1e-5),
    loss=keras.losses.BinaryCrossentropy(from_logits=True),
    metrics=[keras.metrics.BinaryAccuracy()],
)
model.fit(train_ds, epochs=10, validation_data=validation_ds)
