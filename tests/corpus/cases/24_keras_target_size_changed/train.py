from tensorflow.keras import layers, models
from tensorflow.keras.optimizers import RMSprop
from tensorflow.keras.preprocessing.image import ImageDataGenerator

TARGET = (150, 150)
BATCH_SIZE = 20

datagen = ImageDataGenerator(rescale=1.0 / 255)
train_gen = datagen.flow_from_directory("cats_and_dogs/train", target_size=TARGET,
                                        batch_size=BATCH_SIZE, class_mode="binary")
val_gen = datagen.flow_from_directory("cats_and_dogs/validation", target_size=TARGET,
                                      batch_size=BATCH_SIZE, class_mode="binary")

model = models.Sequential([
    layers.Conv2D(32, (3, 3), activation="relu", input_shape=(150, 150, 3)),
    layers.MaxPooling2D((2, 2)),
    layers.Conv2D(64, (3, 3), activation="relu"),
    layers.MaxPooling2D((2, 2)),
    layers.Conv2D(128, (3, 3), activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(512, activation="relu"),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(loss="binary_crossentropy", optimizer=RMSprop(learning_rate=1e-4), metrics=["acc"])
model.fit(train_gen, epochs=30, validation_data=val_gen)
model.save("cats_and_dogs_small.h5")
