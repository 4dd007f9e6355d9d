from tensorflow.keras.models import load_model
from tensorflow.keras.optimizers import SGD
from tensorflow.keras.preprocessing.image import ImageDataGenerator

IMAGE_SIZE = (224, 224)

gen = ImageDataGenerator(rescale=1.0 / 255, horizontal_flip=True)
train_flow = gen.flow_from_directory("data/food10_restaurant/train", target_size=IMAGE_SIZE, batch_size=32)

model = load_model("food10_resnet50.h5")
model.compile(optimizer=SGD(learning_rate=0.001, momentum=0.9), loss="categorical_crossentropy",
              metrics=["accuracy"])
model.fit(train_flow, epochs=5)
model.save("food10_resnet50_restaurant.h5")
