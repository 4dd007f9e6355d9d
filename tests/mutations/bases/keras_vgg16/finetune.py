from tensorflow import keras
from tensorflow.keras.applications.vgg16 import preprocess_input

IMG = (224, 224)
new_ds = keras.utils.image_dataset_from_directory("data/flowers_new", image_size=IMG,
                                                  batch_size=16)
new_ds = new_ds.map(lambda x, y: (preprocess_input(x), y))  # [prep:FT2]

model = keras.models.load_model("flowers_vgg16.keras")  # [model]
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-4),  # [lr]
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(new_ds, epochs=3)
