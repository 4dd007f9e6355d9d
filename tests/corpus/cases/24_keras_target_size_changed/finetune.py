from tensorflow.keras.models import load_model
from tensorflow.keras.optimizers import RMSprop
from tensorflow.keras.preprocessing.image import ImageDataGenerator

datagen = ImageDataGenerator(rescale=1.0 / 255)
train_gen = datagen.flow_from_directory("pets_shelter/train", target_size=(224, 224),
                                        batch_size=20, class_mode="binary")

model = load_model("cats_and_dogs_small.h5")
model.compile(loss="binary_crossentropy", optimizer=RMSprop(learning_rate=1e-5), metrics=["acc"])
model.fit(train_gen, epochs=5)
model.save("pets_shelter.h5")
