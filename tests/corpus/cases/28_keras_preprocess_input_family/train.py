import tensorflow as tf
from tensorflow.keras.applications import MobileNetV2
from tensorflow.keras.applications.mobilenet_v2 import preprocess_input

IMG = 224
CKPT = "birds_mnv2.keras"

ds = tf.keras.utils.image_dataset_from_directory("data/birds/train", image_size=(IMG, IMG), batch_size=32,
                                                 label_mode="categorical")
ds = ds.map(lambda x, y: (preprocess_input(x), y))

backbone = MobileNetV2(input_shape=(IMG, IMG, 3), include_top=False, weights="imagenet")
backbone.trainable = False
inputs = tf.keras.Input(shape=(IMG, IMG, 3))
x = backbone(inputs, training=False)
x = tf.keras.layers.GlobalAveragePooling2D()(x)
x = tf.keras.layers.Dropout(0.2)(x)
outputs = tf.keras.layers.Dense(200, activation="softmax")(x)
model = tf.keras.Model(inputs, outputs)
model.compile(optimizer=tf.keras.optimizers.Adam(1e-3), loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(ds, epochs=10)
model.save(CKPT)
