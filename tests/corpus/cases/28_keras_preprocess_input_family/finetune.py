import tensorflow as tf
from tensorflow.keras.applications.resnet50 import preprocess_input

IMG = 224
CKPT = "birds_mnv2.keras"

ds = tf.keras.utils.image_dataset_from_directory("data/birds_field_photos/train", image_size=(IMG, IMG),
                                                 batch_size=32, label_mode="categorical")
ds = ds.map(lambda x, y: (preprocess_input(x), y))

model = tf.keras.models.load_model(CKPT)
model.compile(optimizer=tf.keras.optimizers.Adam(1e-4), loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(ds, epochs=4)
model.save("birds_mnv2_field.keras")
