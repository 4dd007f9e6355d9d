import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

IMG_SIZE = (128, 128)
BATCH = 32
AUTOTUNE = tf.data.AUTOTUNE


def load(directory, scale):
    ds = keras.utils.image_dataset_from_directory(directory, image_size=IMG_SIZE, batch_size=BATCH)
    return ds.map(lambda x, y: (scale(x), y)).prefetch(AUTOTUNE)


def small_cnn(num_classes):
    return keras.Sequential([
        keras.Input(shape=IMG_SIZE + (3,)),
        layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(64, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(128, 3, activation="relu"),
        layers.GlobalAveragePooling2D(),
        layers.Dense(num_classes, activation="softmax"),
    ])


# Original training
train_ds = load("data/fabric_defects/train", layers.Rescaling(1.0 / 255))
model = small_cnn(6)
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
model.fit(train_ds, epochs=20)

# Fine-tuning
ft_ds = load("data/fabric_defects_line2/train", layers.Rescaling(1.0 / 127.5, offset=-1))
model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
model.fit(ft_ds, epochs=5)
model.save("fabric_cnn_line2.keras")
