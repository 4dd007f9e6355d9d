"""Chest X-ray pneumonia classifier: frozen InceptionV3 head training, then fine-tuning."""
from tensorflow import keras
from tensorflow.keras import layers

IMG = 299
BATCH = 32
DATA = "data/chest_xray"

train_ds = keras.utils.image_dataset_from_directory(
    f"{DATA}/train", image_size=(IMG, IMG), batch_size=BATCH, label_mode="binary"
)
val_ds = keras.utils.image_dataset_from_directory(
    f"{DATA}/val", image_size=(IMG, IMG), batch_size=BATCH, label_mode="binary"
)

augment = keras.Sequential([layers.RandomFlip("horizontal"), layers.RandomRotation(0.05)])

base = keras.applications.InceptionV3(weights="imagenet", include_top=False, input_shape=(IMG, IMG, 3))
base.trainable = False

inputs = keras.Input(shape=(IMG, IMG, 3))
x = augment(inputs)
x = layers.Rescaling(1.0 / 255)(x)
x = base(x, training=False)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.2)(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)

model.compile(
    optimizer=keras.optimizers.Adam(1e-3),
    loss=keras.losses.BinaryCrossentropy(),
    metrics=[keras.metrics.AUC(name="auc")],
)
model.fit(train_ds, validation_data=val_ds, epochs=10)

base.trainable = True
model.compile(
    optimizer=keras.optimizers.Adam(1e-5),
    loss=keras.losses.BinaryCrossentropy(),
    metrics=[keras.metrics.AUC(name="auc")],
)
model.fit(train_ds, validation_data=val_ds, epochs=5)
model.save("models/inception_xray.keras")
