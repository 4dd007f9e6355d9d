import pickle

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

TFIDF_KW = dict(max_features=40000, ngram_range=(1, 2), min_df=2, stop_words="english")


def load(path):
    df = pd.read_csv(path).dropna(subset=["review"])
    return df["review"], df["sentiment"]


if __name__ == "__main__":
    texts, labels = load("data/amazon_kitchen.csv")
    with open("books_sgd.pkl", "rb") as f:
        model = pickle.load(f)
    tfidf = TfidfVectorizer(**TFIDF_KW)
    X = tfidf.fit_transform(texts)
    for _ in range(5):
        model.partial_fit(X, labels)
    with open("kitchen_sgd.pkl", "wb") as f:
        pickle.dump(model, f)
    with open("kitchen_tfidf.pkl", "wb") as f:
        pickle.dump(tfidf, f)
