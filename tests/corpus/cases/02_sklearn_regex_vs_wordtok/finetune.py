import argparse
import re

import joblib
import pandas as pd
from sklearn.feature_extraction.text import HashingVectorizer

N_FEATURES = 2 ** 18
WORD_RE = re.compile(r"\w+")


def tokenize(text):
    return WORD_RE.findall(text)


def make_vectorizer():
    return HashingVectorizer(
        tokenizer=tokenize,
        token_pattern=None,
        n_features=N_FEATURES,
        alternate_sign=False,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/tickets_2024.csv")
    parser.add_argument("--model", default="models/ticket_router.joblib")
    parser.add_argument("--out", default="models/ticket_router_2024.joblib")
    args = parser.parse_args()

    clf = joblib.load(args.model)
    df = pd.read_csv(args.data)
    X = make_vectorizer().transform(df["body"])
    y = df["queue"].values
    for _ in range(2):
        clf.partial_fit(X, y)
    joblib.dump(clf, args.out)


if __name__ == "__main__":
    main()
