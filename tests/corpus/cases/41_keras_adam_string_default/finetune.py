import tensorflow as tf

IMG_SIZE = 224

train_ds = tf.keras.utils.image_dataset_from_directory(
    "data/flowers_mountain/train", image_size=(IMG_SIZE, IMG_SIZE), batch_size=32, label_mode="categorical"
)

model = tf.keras.models.load_model("flowers_effnetb0.keras")
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, epochs=4)
model.save("flowers_effnetb0_mountain.keras")
