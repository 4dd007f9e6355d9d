"""Fault classifier for pump sensors: fit on the fleet-wide history."""
import logging

import joblib
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

logging.basicConfig(level=logging.INFO, format="%(name)s | %(message)s")
log = logging.getLogger("pump-faults")

SENSORS = [f"s{i:02d}" for i in range(1, 25)]
MODEL_PATH = "artifacts/pump_fault_pipeline.joblib"


def build_pipeline() -> Pipeline:
    return Pipeline(
        steps=[
            ("impute", SimpleImputer(strategy="median")),
            ("scale", StandardScaler()),
            ("mlp", MLPClassifier(
                hidden_layer_sizes=(256, 128),
                learning_rate_init=1e-3,
                batch_size=256,
                max_iter=60,
                early_stopping=True,
                warm_start=True,
                random_state=0,
            )),
        ]
    )


def main():
    df = pd.read_parquet("data/fleet_history.parquet")
    X_train, X_val, y_train, y_val = train_test_split(
        df[SENSORS], df["fault_code"], test_size=0.2, stratify=df["fault_code"], random_state=0
    )
    pipe = build_pipeline()
    pipe.fit(X_train, y_train)
    log.info("converged after %d iterations", pipe.named_steps["mlp"].n_iter_)
    log.info("\n%s", classification_report(y_val, pipe.predict(X_val)))
    joblib.dump(pipe, MODEL_PATH)


if __name__ == "__main__":
    main()
