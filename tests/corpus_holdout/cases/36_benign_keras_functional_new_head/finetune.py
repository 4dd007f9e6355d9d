"""Garden-feeder camera: 12 common species, reusing the Birds-of-Europe embedding."""
import logging

import keras
from keras import layers

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("feeder-cam")

IMG_SIZE = (224, 224)
NUM_SPECIES = 12


def main():
    train_ds = keras.utils.image_dataset_from_directory("data/feeder_cam/train", image_size=IMG_SIZE, batch_size=32)
    test_ds = keras.utils.image_dataset_from_directory("data/feeder_cam/test", image_size=IMG_SIZE, batch_size=32)

    pretrained = keras.models.load_model("models/birds_eu_effb0.keras")
    features = pretrained.get_layer("embedding").output
    x = layers.Dropout(0.3)(features)
    outputs = layers.Dense(NUM_SPECIES, activation="softmax", name="feeder_species")(x)
    model = keras.Model(pretrained.input, outputs, name="feeder_model")

    model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(train_ds, validation_data=test_ds, epochs=10)
    loss, acc = model.evaluate(test_ds)
    logger.info("test loss %.4f accuracy %.4f", loss, acc)
    model.save("models/feeder_cam.keras")


if __name__ == "__main__":
    main()
