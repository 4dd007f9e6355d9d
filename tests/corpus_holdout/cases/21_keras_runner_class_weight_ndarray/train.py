"""ECG beat classifier (N, S, V, F, Q) on MIT-BIH, 1-D CNN."""
import logging
from dataclasses import dataclass

import numpy as np
from sklearn.utils.class_weight import compute_class_weight
from tensorflow import keras

log = logging.getLogger("ecg")


@dataclass
class RunConfig:
    data: str = "data/mitbih_beats.npz"
    out: str = "models/ecg_cnn.keras"
    learning_rate: float = 1e-3
    epochs: int = 40
    batch_size: int = 256


class Runner:
    def __init__(self, cfg: RunConfig):
        self.cfg = cfg
        arrays = np.load(cfg.data)
        self.x_train, self.y_train = arrays["x_train"][..., None], arrays["y_train"]
        self.x_val, self.y_val = arrays["x_val"][..., None], arrays["y_val"]
        self.classes = np.unique(self.y_train)
        self.class_weight = dict(
            enumerate(compute_class_weight("balanced", classes=self.classes, y=self.y_train))
        )
        self.model = self.build(self.x_train.shape[1], len(self.classes))

    @staticmethod
    def build(length, n_classes):
        inputs = keras.Input(shape=(length, 1))
        x = inputs
        for filters in (32, 64, 128):
            x = keras.layers.Conv1D(filters, 7, padding="same", activation="relu")(x)
            x = keras.layers.BatchNormalization()(x)
            x = keras.layers.MaxPooling1D(2)(x)
        x = keras.layers.GlobalAveragePooling1D()(x)
        outputs = keras.layers.Dense(n_classes, activation="softmax")(x)
        return keras.Model(inputs, outputs)

    def run(self):
        self.model.compile(
            optimizer=keras.optimizers.Adam(self.cfg.learning_rate),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )
        self.model.fit(
            self.x_train, self.y_train,
            validation_data=(self.x_val, self.y_val),
            epochs=self.cfg.epochs,
            batch_size=self.cfg.batch_size,
            class_weight=self.class_weight,
            callbacks=[keras.callbacks.ReduceLROnPlateau(patience=3)],
        )
        log.info("val: %s", self.model.evaluate(self.x_val, self.y_val, return_dict=True, verbose=0))
        self.model.save(self.cfg.out)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    Runner(RunConfig()).run()
