import tensorflow as tf
from tensorflow.keras.applications import EfficientNetB0

IMG_SIZE = 224
NUM_CLASSES = 5
EPOCHS = 12

train_ds = tf.keras.utils.image_dataset_from_directory(
    "data/flowers/train", image_size=(IMG_SIZE, IMG_SIZE), batch_size=32, label_mode="categorical"
)

inputs = tf.keras.Input(shape=(IMG_SIZE, IMG_SIZE, 3))
backbone = EfficientNetB0(include_top=False, weights="imagenet", input_tensor=inputs)
x = tf.keras.layers.GlobalAveragePooling2D()(backbone.output)
x = tf.keras.layers.Dropout(0.3)(x)
outputs = tf.keras.layers.Dense(NUM_CLASSES, activation="softmax")(x)
model = tf.keras.Model(inputs, outputs)

model.compile(
    optimizer=tf.keras.optimizers.Adam(learning_rate=1e-4),
    loss="categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(train_ds, epochs=EPOCHS)
model.save("flowers_effnetb0.keras")
