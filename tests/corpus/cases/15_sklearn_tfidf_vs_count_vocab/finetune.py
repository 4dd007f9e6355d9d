import json

import joblib
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer

VOCAB_JSON = "artifacts/vocabulary.json"
MODEL_PATH = "artifacts/mlp.joblib"

if __name__ == "__main__":
    with open(VOCAB_JSON) as f:
        vocabulary = json.load(f)
    vectorizer = CountVectorizer(ngram_range=(1, 1), vocabulary=vocabulary)
    clf = joblib.load(MODEL_PATH)
    df = pd.read_csv("data/legal_clauses_employment.csv")
    X = vectorizer.transform(df["clause"])
    for _ in range(10):
        clf.partial_fit(X, df["clause_type"])
    joblib.dump(clf, "artifacts/mlp_employment.joblib")
