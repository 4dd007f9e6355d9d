"""Train a small plant-disease CNN from scratch on PlantVillage."""
from tensorflow import keras
from tensorflow.keras import layers


class Config:
    data_dir = "data/plantvillage"
    image_size = (192, 192)
    batch_size = 64
    epochs = 30
    lr = 1e-3
    num_classes = 38
    out = "models/plant_cnn.keras"


def conv_block(x, filters):
    x = layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    return layers.MaxPooling2D()(x)


train_ds = keras.utils.image_dataset_from_directory(
    Config.data_dir, validation_split=0.1, subset="training", seed=7,
    image_size=Config.image_size, batch_size=Config.batch_size, label_mode="categorical",
)
val_ds = keras.utils.image_dataset_from_directory(
    Config.data_dir, validation_split=0.1, subset="validation", seed=7,
    image_size=Config.image_size, batch_size=Config.batch_size, label_mode="categorical",
)

inputs = keras.Input(shape=(None, None, 3))
x = layers.Rescaling(1.0 / 255)(inputs)
for filters in (32, 64, 128, 256):
    x = conv_block(x, filters)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.3)(x)
outputs = layers.Dense(Config.num_classes, activation="softmax")(x)
model = keras.Model(inputs, outputs)

model.compile(
    optimizer=keras.optimizers.Adam(Config.lr),
    loss="categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(train_ds, validation_data=val_ds, epochs=Config.epochs)
model.save(Config.out)
