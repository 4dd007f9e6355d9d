import pickle
import re

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier

URL_RE = re.compile(r"https?://\S+")


def clean(text):
    return URL_RE.sub(" ", text).lower()


def main():
    df = pd.read_csv("data/tweets_disaster.csv")
    texts = df["text"].map(clean)
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=60000)
    X = vectorizer.fit_transform(texts)
    clf = SGDClassifier(loss="log_loss", alpha=3e-5, max_iter=25, random_state=11)
    clf.fit(X, df["target"])
    with open("disaster_vectorizer.pkl", "wb") as f:
        pickle.dump(vectorizer, f)
    with open("disaster_clf.pkl", "wb") as f:
        pickle.dump(clf, f)


if __name__ == "__main__":
    main()
