from tensorflow import keras
from tensorflow.keras.applications.vgg16 import preprocess_input

IMG = (224, 224)
train_ds = keras.utils.image_dataset_from_directory("data/flowers", image_size=IMG,
                                                    batch_size=32)
train_ds = train_ds.map(lambda x, y: (preprocess_input(x), y))  # [prep:FT2]

base = keras.applications.VGG16(weights="imagenet", include_top=False, input_shape=IMG + (3,))
base.trainable = False
inputs = keras.Input(shape=IMG + (3,))
x = base(inputs, training=False)
x = keras.layers.GlobalAveragePooling2D()(x)
outputs = keras.layers.Dense(5, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),  # [lr]
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, epochs=10)
model.save("flowers_vgg16.keras")
