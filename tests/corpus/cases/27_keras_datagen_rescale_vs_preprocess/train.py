from tensorflow.keras import Model
from tensorflow.keras.applications import ResNet50
from tensorflow.keras.applications.resnet50 import preprocess_input
from tensorflow.keras.layers import Dense, GlobalAveragePooling2D
from tensorflow.keras.optimizers import SGD
from tensorflow.keras.preprocessing.image import ImageDataGenerator

IMAGE_SIZE = (224, 224)
NUM_CLASSES = 10

gen = ImageDataGenerator(preprocessing_function=preprocess_input, horizontal_flip=True)
train_flow = gen.flow_from_directory("data/food10/train", target_size=IMAGE_SIZE, batch_size=32)

base = ResNet50(weights="imagenet", include_top=False, input_shape=IMAGE_SIZE + (3,))
x = GlobalAveragePooling2D()(base.output)
out = Dense(NUM_CLASSES, activation="softmax")(x)
model = Model(base.input, out)
model.compile(optimizer=SGD(learning_rate=0.01, momentum=0.9), loss="categorical_crossentropy",
              metrics=["accuracy"])
model.fit(train_flow, epochs=15)
model.save("food10_resnet50.h5")
