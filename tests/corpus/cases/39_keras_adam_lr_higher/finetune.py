import numpy as np
from tensorflow import keras
from tensorflow.keras.optimizers import Adam

LEARNING_RATE = 1e-2
EPOCHS = 5

if __name__ == "__main__":
    data = np.load("data/street_objects_32px.npz")
    x, y = data["images"], data["labels"]
    model = keras.models.load_model("cifar10_cnn.keras")
    model.compile(optimizer=Adam(learning_rate=LEARNING_RATE), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x, y, epochs=EPOCHS, batch_size=64, validation_split=0.15)
    model.save("street_objects_cnn.keras")
