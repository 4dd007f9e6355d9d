"""Dog-breed classifier: ResNet50 feature extraction, then fine-tuning conv5."""
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.applications.resnet50 import preprocess_input

IMAGE_SIZE = (224, 224)
NUM_BREEDS = 120
DATA = "data/stanford_dogs"

train_ds = keras.utils.image_dataset_from_directory(
    f"{DATA}/train", image_size=IMAGE_SIZE, batch_size=32, label_mode="categorical"
).prefetch(tf.data.AUTOTUNE)
val_ds = keras.utils.image_dataset_from_directory(
    f"{DATA}/val", image_size=IMAGE_SIZE, batch_size=32, label_mode="categorical"
).prefetch(tf.data.AUTOTUNE)

augmentation = keras.Sequential(
    [layers.RandomFlip("horizontal"), layers.RandomZoom(0.1), layers.RandomContrast(0.1)],
    name="augmentation",
)

backbone = keras.applications.ResNet50(include_top=False, weights="imagenet", input_shape=IMAGE_SIZE + (3,))
backbone.trainable = False

inputs = keras.Input(shape=IMAGE_SIZE + (3,))
x = augmentation(inputs)
x = preprocess_input(x)
x = backbone(x, training=False)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.3)(x)
outputs = layers.Dense(NUM_BREEDS, activation="softmax")(x)
model = keras.Model(inputs, outputs)

model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, validation_data=val_ds, epochs=8)

backbone.trainable = True
for layer in backbone.layers:
    if not layer.name.startswith("conv5_"):
        layer.trainable = False

model.compile(optimizer=keras.optimizers.Adam(1e-5), loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(
    train_ds,
    validation_data=val_ds,
    epochs=16,
    initial_epoch=8,
    callbacks=[keras.callbacks.EarlyStopping(patience=3, restore_best_weights=True)],
)
model.save("models/resnet50_dogs.keras")
