"""Adapt the fleet fault classifier to the new plant (continue training the MLP)."""
import logging

import joblib
import pandas as pd
from sklearn.metrics import balanced_accuracy_score, classification_report
from sklearn.model_selection import train_test_split

logging.basicConfig(level=logging.INFO, format="%(name)s | %(message)s")
log = logging.getLogger("pump-faults-plant7")

SENSORS = [f"s{i:02d}" for i in range(1, 25)]
MODEL_PATH = "artifacts/pump_fault_pipeline.joblib"


def main():
    pipe = joblib.load(MODEL_PATH)
    df = pd.read_parquet("data/plant7_2024.parquet")
    X_train, X_test, y_train, y_test = train_test_split(
        df[SENSORS], df["fault_code"], test_size=0.3, stratify=df["fault_code"], random_state=0
    )
    before = balanced_accuracy_score(y_test, pipe.predict(X_test))
    log.info("balanced accuracy before adaptation: %.4f", before)

    # warm_start=True: the MLP continues from the fleet weights with a smaller step size
    pipe.set_params(mlp__learning_rate_init=1e-4, mlp__max_iter=20)
    pipe.fit(X_train, y_train)

    after = balanced_accuracy_score(y_test, pipe.predict(X_test))
    log.info("balanced accuracy after adaptation: %.4f", after)
    log.info("\n%s", classification_report(y_test, pipe.predict(X_test)))
    joblib.dump(pipe, "artifacts/pump_fault_pipeline_plant7.joblib")


if __name__ == "__main__":
    main()
