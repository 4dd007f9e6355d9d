import logging

from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.applications import ResNet50
from tensorflow.keras.applications.resnet50 import preprocess_input

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("xray-head")


def main():
    train_ds = keras.utils.image_dataset_from_directory(
        "data/wrist_xray/train", image_size=(224, 224), batch_size=32, label_mode="binary"
    )
    val_ds = keras.utils.image_dataset_from_directory(
        "data/wrist_xray/val", image_size=(224, 224), batch_size=32, label_mode="binary"
    )
    base = ResNet50(include_top=False, weights="imagenet", input_shape=(224, 224, 3))
    base.trainable = False

    inputs = keras.Input(shape=(224, 224, 3))
    x = preprocess_input(inputs)
    x = base(x, training=False)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(0.2)(x)
    outputs = layers.Dense(1, activation="sigmoid")(x)
    model = keras.Model(inputs, outputs)

    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="binary_crossentropy",
                  metrics=[keras.metrics.AUC(name="auc")])
    model.fit(train_ds, validation_data=val_ds, epochs=10)
    logger.info("val: %s", model.evaluate(val_ds, return_dict=True))
    model.save("models/wrist_fracture_head.keras")


if __name__ == "__main__":
    main()
