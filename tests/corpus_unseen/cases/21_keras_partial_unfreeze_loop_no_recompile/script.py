"""Flower classifier: feature extraction with MobileNetV2, then fine-tuning the top layers."""
import tensorflow as tf

IMG_SIZE = (224, 224)
BATCH_SIZE = 32
INITIAL_EPOCHS = 10
FINE_TUNE_EPOCHS = 10
FINE_TUNE_AT = 100

train_ds = tf.keras.utils.image_dataset_from_directory(
    "flowers/train", shuffle=True, batch_size=BATCH_SIZE, image_size=IMG_SIZE
)
val_ds = tf.keras.utils.image_dataset_from_directory(
    "flowers/val", shuffle=False, batch_size=BATCH_SIZE, image_size=IMG_SIZE
)
n_classes = len(train_ds.class_names)
train_ds = train_ds.prefetch(tf.data.AUTOTUNE)

data_augmentation = tf.keras.Sequential([
    tf.keras.layers.RandomFlip("horizontal"),
    tf.keras.layers.RandomRotation(0.2),
])
preprocess_input = tf.keras.applications.mobilenet_v2.preprocess_input

base_model = tf.keras.applications.MobileNetV2(input_shape=IMG_SIZE + (3,), include_top=False, weights="imagenet")
base_model.trainable = False

inputs = tf.keras.Input(shape=(224, 224, 3))
x = data_augmentation(inputs)
x = preprocess_input(x)
x = base_model(x, training=False)
x = tf.keras.layers.GlobalAveragePooling2D()(x)
x = tf.keras.layers.Dropout(0.2)(x)
outputs = tf.keras.layers.Dense(n_classes)(x)
model = tf.keras.Model(inputs, outputs)

model.compile(
    optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3),
    loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
history = model.fit(train_ds, epochs=INITIAL_EPOCHS, validation_data=val_ds)

base_model.trainable = True
for layer in base_model.layers[:FINE_TUNE_AT]:
    layer.trainable = False
print("trainable variables:", len(model.trainable_variables))

history_fine = model.fit(
    train_ds,
    epochs=INITIAL_EPOCHS + FINE_TUNE_EPOCHS,
    initial_epoch=history.epoch[-1],
    validation_data=val_ds,
)
model.save("models/flowers_mobilenetv2.keras")
