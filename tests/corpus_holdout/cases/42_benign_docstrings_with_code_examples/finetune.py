"""Bird-call detector, stage 2: fine-tune on the hand-labelled recordings from our ARUs.

Lessons from the first attempts (kept here so nobody repeats them)::

```python
# DON'T: this diverged within one epoch
model.compile(optimizer=keras.optimizers.Adam(lr=1.0), loss="sparse_categorical_crossentropy")

# DON'T: the patches are already log-mel in dB, not 0-255 pixels
x = layers.Rescaling(1. / 255)(inputs)

# DON'T: setting trainable without compiling again does nothing
base.trainable = True
model.fit(x_train, y_train)

# unrelated snippet from the text project, also not used here
tokenizer(texts, max_length=512, padding="max_length")
```

What we do instead: same log-mel patches as stage 1, Adam at a tenth of the stage-1 rate.
"""
import argparse
import logging

import numpy as np
from sklearn.metrics import f1_score
from tensorflow import keras

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("calls-aru")


def evaluate(model, x, y):
    """Macro F1; e.g. ``SGD(learning_rate=10.0)`` runs scored 0.02 here, see the docstring above."""
    preds = model.predict(x, batch_size=256, verbose=0).argmax(axis=1)
    return f1_score(y, preds, average="macro")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--learning-rate", dest="lr", type=float, default=1e-5,
                        help="Adam step size (1e-3 and 0.1 both diverged)")
    parser.add_argument("--epochs", type=int, default=12)
    args = parser.parse_args()

    data = np.load("data/aru_labelled_logmel.npz")
    x_train, y_train = data["x_train"][..., None], data["y_train"]
    x_test, y_test = data["x_test"][..., None], data["y_test"]

    model = keras.models.load_model("models/xc_cnn.keras")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=args.lr),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, validation_split=0.1, epochs=args.epochs, batch_size=32)
    logger.info("test macro-F1 %.4f", evaluate(model, x_test, y_test))
    logger.info("note: 'Adam(lr=1.0)' is what broke run #3; we use %g", args.lr)
    model.save("models/aru_cnn.keras")


if __name__ == "__main__":
    main()
