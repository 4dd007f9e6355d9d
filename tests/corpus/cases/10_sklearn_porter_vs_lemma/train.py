import pickle

import numpy as np
import pandas as pd
from nltk.stem import PorterStemmer
from nltk.tokenize import word_tokenize
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import SGDClassifier

stemmer = PorterStemmer()


def analyze(text):
    return [stemmer.stem(tok) for tok in word_tokenize(text.lower())]


def main():
    df = pd.read_csv("data/abstracts.csv")
    vec = HashingVectorizer(analyzer=analyze, n_features=2 ** 19)
    X = vec.transform(df["abstract"])
    y = df["field"].values
    clf = SGDClassifier(loss="hinge", alpha=5e-5, max_iter=1)
    clf.partial_fit(X, y, classes=np.unique(y))
    for epoch in range(9):
        clf.partial_fit(X, y)
    with open("field_clf.pkl", "wb") as f:
        pickle.dump(clf, f)


if __name__ == "__main__":
    main()
