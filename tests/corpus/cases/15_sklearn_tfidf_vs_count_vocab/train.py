import json

import joblib
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.neural_network import MLPClassifier

VOCAB_JSON = "artifacts/vocabulary.json"
MODEL_PATH = "artifacts/mlp.joblib"

if __name__ == "__main__":
    df = pd.read_csv("data/legal_clauses.csv")
    vectorizer = TfidfVectorizer(ngram_range=(1, 1), min_df=5, max_features=30000)
    X = vectorizer.fit_transform(df["clause"])
    clf = MLPClassifier(hidden_layer_sizes=(256,), learning_rate_init=1e-3, max_iter=40, random_state=0)
    clf.fit(X, df["clause_type"])
    with open(VOCAB_JSON, "w") as f:
        json.dump({w: int(i) for w, i in vectorizer.vocabulary_.items()}, f)
    joblib.dump(clf, MODEL_PATH)
