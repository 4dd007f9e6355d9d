import pickle

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier

TFIDF_KW = dict(max_features=40000, ngram_range=(1, 2), min_df=2, stop_words="english")


def load(path):
    df = pd.read_csv(path).dropna(subset=["review"])
    return df["review"], df["sentiment"]


if __name__ == "__main__":
    texts, labels = load("data/amazon_books.csv")
    tfidf = TfidfVectorizer(**TFIDF_KW)
    X = tfidf.fit_transform(texts)
    model = SGDClassifier(loss="log_loss", penalty="l2", alpha=1e-5, max_iter=20, random_state=7)
    model.fit(X, labels)
    with open("books_tfidf.pkl", "wb") as f:
        pickle.dump(tfidf, f)
    with open("books_sgd.pkl", "wb") as f:
        pickle.dump(model, f)
