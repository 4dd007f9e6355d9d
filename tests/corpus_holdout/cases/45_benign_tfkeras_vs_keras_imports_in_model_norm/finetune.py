"""Adapt the Vinho Verde regressor to a small Douro valley tasting panel."""
import argparse
import logging

import keras
import numpy as np
import pandas as pd
from keras import losses, metrics, optimizers

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("wine-douro")

FEATURES = ["fixed_acidity", "volatile_acidity", "citric_acid", "residual_sugar", "chlorides",
            "free_so2", "total_so2", "density", "ph", "sulphates", "alcohol"]


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--learning-rate", dest="lr", type=float, default=1e-4)
    p.add_argument("--epochs", type=int, default=40)
    p.add_argument("--data", default="data/douro_panel.csv")
    return p.parse_args()


def main():
    args = parse()
    df = pd.read_csv(args.data).dropna(subset=FEATURES + ["quality"])
    test = df.sample(frac=0.2, random_state=3)
    train = df.drop(test.index)
    x_train, y_train = train[FEATURES].to_numpy(np.float32), train["quality"].to_numpy(np.float32)
    x_test, y_test = test[FEATURES].to_numpy(np.float32), test["quality"].to_numpy(np.float32)

    model = keras.models.load_model("models/wine_vinho_verde.keras")
    model.compile(optimizer=optimizers.Adam(learning_rate=args.lr), loss=losses.Huber(delta=1.0),
                  metrics=[metrics.MeanAbsoluteError(name="mae")])
    model.fit(x_train, y_train, validation_split=0.15, epochs=args.epochs, batch_size=16)
    logger.info("Douro test MAE %.3f", model.evaluate(x_test, y_test, return_dict=True)["mae"])
    model.save("models/wine_douro.keras")


if __name__ == "__main__":
    main()
