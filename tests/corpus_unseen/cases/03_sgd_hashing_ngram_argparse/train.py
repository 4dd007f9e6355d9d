"""Pretrain an out-of-core linear spam filter on the public SMS + email corpus."""
import argparse

import joblib
import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import SGDClassifier


def get_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data", default="data/public_spam.csv")
    p.add_argument("--n-features", type=int, default=2 ** 20)
    p.add_argument("--ngram-max", type=int, default=2)
    p.add_argument("--chunksize", type=int, default=50_000)
    p.add_argument("--passes", type=int, default=3)
    p.add_argument("--out", default="models/sgd_spam.joblib")
    return p.parse_args()


def build_vectorizer(args):
    return HashingVectorizer(
        n_features=args.n_features,
        ngram_range=(1, args.ngram_max),
        alternate_sign=False,
        norm="l2",
    )


def main(args):
    vec = build_vectorizer(args)
    clf = SGDClassifier(loss="log_loss", alpha=1e-5, learning_rate="optimal", random_state=0)
    classes = np.array([0, 1])
    for p in range(args.passes):
        seen = 0
        for chunk in pd.read_csv(args.data, chunksize=args.chunksize):
            X = vec.transform(chunk["text"].str.lower())
            clf.partial_fit(X, chunk["label"].values, classes=classes)
            seen += len(chunk)
        print(f"pass {p}: {seen} messages")
    joblib.dump(clf, args.out)


if __name__ == "__main__":
    main(get_args())
