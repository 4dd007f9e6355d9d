from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.applications import EfficientNetB0
from tensorflow.keras.optimizers import Adam

IMG_SIZE = 224
NUM_CLASSES = 120

train_ds = keras.utils.image_dataset_from_directory("data/stanford_dogs/train", image_size=(IMG_SIZE, IMG_SIZE),
                                                    batch_size=64, label_mode="categorical")

augment = keras.Sequential([layers.RandomFlip("horizontal"), layers.RandomRotation(0.1)])

base = EfficientNetB0(include_top=False, weights="imagenet", input_shape=(IMG_SIZE, IMG_SIZE, 3))
base.trainable = False

inputs = keras.Input(shape=(IMG_SIZE, IMG_SIZE, 3))
x = augment(inputs)
x = base(x)
x = layers.GlobalAveragePooling2D()(x)
x = layers.BatchNormalization()(x)
x = layers.Dropout(0.2)(x)
outputs = layers.Dense(NUM_CLASSES, activation="softmax")(x)
model = keras.Model(inputs, outputs)

model.compile(optimizer=Adam(learning_rate=1e-2), loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, epochs=20)

base.trainable = True
model.compile(optimizer=Adam(learning_rate=1e-5), loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, epochs=10)
model.save("dogs_effnetb0.keras")
