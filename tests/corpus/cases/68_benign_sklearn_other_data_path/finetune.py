import argparse

import joblib
import pandas as pd
from sklearn.feature_extraction.text import HashingVectorizer


def vectorizer():
    return HashingVectorizer(n_features=2 ** 20, ngram_range=(1, 2), alternate_sign=False, stop_words="english")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/job_posts_uk.csv")
    parser.add_argument("--model", default="job_category_sgd.joblib")
    parser.add_argument("--out", default="job_category_sgd_uk.joblib")
    args = parser.parse_args()

    clf = joblib.load(args.model)
    df = pd.read_csv(args.data)
    X = vectorizer().transform(df["description"])
    for _ in range(3):
        clf.partial_fit(X, df["category"])
    joblib.dump(clf, args.out)
