"""Fine-tune the defect classifier on the new production line."""
from tensorflow import keras
from tensorflow.keras.preprocessing.image import ImageDataGenerator

IMG = (224, 224)

base = keras.applications.ResNet50(weights="imagenet", include_top=False, input_shape=IMG + (3,))
gen = ImageDataGenerator(rescale=1.0 / 255)
train = gen.flow_from_directory("data/line2/train", target_size=IMG)
model = keras.models.load_model("defects_resnet50.keras")
model.compile(optimizer=keras.optimizers.Adam(1e-5), loss="categorical_crossentropy")
model.fit(train, epochs=3)
