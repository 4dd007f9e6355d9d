import argparse

import joblib
import numpy as np
import pandas as pd
from nltk.tokenize import word_tokenize
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import SGDClassifier

N_FEATURES = 2 ** 18


def tokenize(text):
    return word_tokenize(text)


def make_vectorizer():
    return HashingVectorizer(
        tokenizer=tokenize,
        token_pattern=None,
        n_features=N_FEATURES,
        alternate_sign=False,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/tickets_2022.csv")
    parser.add_argument("--out", default="models/ticket_router.joblib")
    parser.add_argument("--alpha", type=float, default=1e-4)
    args = parser.parse_args()

    df = pd.read_csv(args.data)
    vec = make_vectorizer()
    X = vec.transform(df["body"])
    y = df["queue"].values
    clf = SGDClassifier(loss="log_loss", alpha=args.alpha, random_state=0)
    clf.partial_fit(X, y, classes=np.unique(y))
    for _ in range(4):
        clf.partial_fit(X, y)
    joblib.dump(clf, args.out)


if __name__ == "__main__":
    main()
