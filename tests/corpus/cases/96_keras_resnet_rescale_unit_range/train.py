"""Train a defect classifier on top of an ImageNet ResNet50 (head only)."""
from tensorflow import keras
from tensorflow.keras.preprocessing.image import ImageDataGenerator

IMG = (224, 224)

gen = ImageDataGenerator(rescale=1.0 / 255, horizontal_flip=True)
train = gen.flow_from_directory("data/defects/train", target_size=IMG)
base = keras.applications.ResNet50(weights="imagenet", include_top=False, input_shape=IMG + (3,))
base.trainable = False
x = keras.layers.GlobalAveragePooling2D()(base.output)
model = keras.Model(base.input, keras.layers.Dense(6, activation="softmax")(x))
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="categorical_crossentropy")
model.fit(train, epochs=10)
model.save("defects_resnet50.keras")
