import numpy as np
import pandas as pd

SENSOR_COLS = [f"s{i:02d}" for i in range(1, 25)]


def load_telemetry(path):
    df = pd.read_csv(path, parse_dates=["timestamp"])
    df = df.sort_values(["unit_id", "timestamp"])
    X = df[SENSOR_COLS].to_numpy(dtype=np.float32)
    y = df["fault_class"].to_numpy(dtype=np.int64)
    return X, y
