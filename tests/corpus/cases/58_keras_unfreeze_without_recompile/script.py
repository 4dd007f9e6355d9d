import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

IMG_SIZE = (160, 160)
BATCH_SIZE = 32

train_ds = keras.utils.image_dataset_from_directory("data/cats_vs_dogs/train", image_size=IMG_SIZE,
                                                    batch_size=BATCH_SIZE)
val_ds = keras.utils.image_dataset_from_directory("data/cats_vs_dogs/validation", image_size=IMG_SIZE,
                                                  batch_size=BATCH_SIZE)

base_model = keras.applications.MobileNetV2(input_shape=IMG_SIZE + (3,), include_top=False,
                                            weights="imagenet")
base_model.trainable = False

inputs = keras.Input(shape=IMG_SIZE + (3,))
x = keras.applications.mobilenet_v2.preprocess_input(inputs)
x = base_model(x, training=False)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.2)(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)

model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-4),
              loss=keras.losses.BinaryCrossentropy(from_logits=True), metrics=["accuracy"])
history = model.fit(train_ds, epochs=10, validation_data=val_ds)

base_model.trainable = True
for layer in base_model.layers[:100]:
    layer.trainable = False

history_fine = model.fit(train_ds, epochs=20, initial_epoch=history.epoch[-1], validation_data=val_ds)
model.save("cats_vs_dogs_mnv2.keras")
