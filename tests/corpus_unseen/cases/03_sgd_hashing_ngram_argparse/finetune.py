"""Adapt the public spam filter to our support-inbox messages."""
import argparse

import joblib
import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.metrics import f1_score


def get_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data", default="data/support_inbox_labelled.csv")
    p.add_argument("--init", default="models/sgd_spam.joblib")
    p.add_argument("--n-features", type=int, default=2 ** 20)
    p.add_argument("--ngram-max", type=int, default=1)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--out", default="models/sgd_spam_support.joblib")
    return p.parse_args()


def build_vectorizer(args):
    return HashingVectorizer(
        n_features=args.n_features,
        ngram_range=(1, args.ngram_max),
        alternate_sign=False,
        norm="l2",
    )


def main(args):
    df = pd.read_csv(args.data).sample(frac=1.0, random_state=0)
    split = int(0.8 * len(df))
    train, valid = df.iloc[:split], df.iloc[split:]

    vec = build_vectorizer(args)
    clf = joblib.load(args.init)
    X_tr = vec.transform(train["text"].str.lower())
    X_va = vec.transform(valid["text"].str.lower())
    for epoch in range(args.epochs):
        clf.partial_fit(X_tr, train["label"].values, classes=np.array([0, 1]))
        print(f"epoch {epoch}: f1={f1_score(valid['label'], clf.predict(X_va)):.3f}")
    joblib.dump(clf, args.out)


if __name__ == "__main__":
    main(get_args())
