"""Adapt the MIT-BIH beat classifier to wearable-patch recordings."""
import logging
from dataclasses import dataclass

import numpy as np
from sklearn.metrics import f1_score
from sklearn.utils.class_weight import compute_class_weight
from tensorflow import keras

log = logging.getLogger("ecg-patch")


@dataclass
class RunConfig:
    data: str = "data/patch_beats.npz"
    pretrained: str = "models/ecg_cnn.keras"
    out: str = "models/ecg_cnn_patch.keras"
    learning_rate: float = 1e-4
    epochs: int = 12
    batch_size: int = 128


class Runner:
    def __init__(self, cfg: RunConfig):
        self.cfg = cfg
        arrays = np.load(cfg.data)
        self.x_train, self.y_train = arrays["x_train"][..., None], arrays["y_train"]
        self.x_test, self.y_test = arrays["x_test"][..., None], arrays["y_test"]
        self.classes = np.unique(self.y_train)
        self.class_weight = compute_class_weight("balanced", classes=self.classes, y=self.y_train)
        self.model = keras.models.load_model(cfg.pretrained)

    def run(self):
        self.model.compile(
            optimizer=keras.optimizers.Adam(self.cfg.learning_rate),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )
        self.model.fit(
            self.x_train, self.y_train,
            validation_split=0.1,
            epochs=self.cfg.epochs,
            batch_size=self.cfg.batch_size,
            class_weight=self.class_weight,
        )
        preds = self.model.predict(self.x_test, verbose=0).argmax(axis=1)
        log.info("test macro-F1 %.4f", f1_score(self.y_test, preds, average="macro"))
        self.model.save(self.cfg.out)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    Runner(RunConfig()).run()
