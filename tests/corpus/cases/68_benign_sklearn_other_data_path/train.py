import argparse

import joblib
import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import SGDClassifier


def vectorizer():
    return HashingVectorizer(n_features=2 ** 20, ngram_range=(1, 2), alternate_sign=False, stop_words="english")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/job_posts_us.csv")
    parser.add_argument("--model", default="job_category_sgd.joblib")
    args = parser.parse_args()

    df = pd.read_csv(args.data)
    X = vectorizer().transform(df["description"])
    clf = SGDClassifier(loss="log_loss", alpha=2e-5, random_state=0)
    clf.partial_fit(X, df["category"], classes=np.unique(df["category"]))
    for _ in range(9):
        clf.partial_fit(X, df["category"])
    joblib.dump(clf, args.model)
