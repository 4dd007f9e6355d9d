import pickle
import re

import pandas as pd

URL_RE = re.compile(r"https?://\S+")


def clean(text):
    return URL_RE.sub(" ", text).lower()


def main():
    with open("disaster_vectorizer.pkl", "rb") as f:
        vectorizer = pickle.load(f)
    with open("disaster_clf.pkl", "rb") as f:
        clf = pickle.load(f)
    df = pd.read_csv("data/tweets_wildfire_2024.csv")
    X = vectorizer.transform(df["text"].map(clean))
    for _ in range(4):
        clf.partial_fit(X, df["target"])
    with open("disaster_clf_wildfire.pkl", "wb") as f:
        pickle.dump(clf, f)


if __name__ == "__main__":
    main()
