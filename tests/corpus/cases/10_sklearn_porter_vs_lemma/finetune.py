import pickle

import pandas as pd
from nltk.stem import WordNetLemmatizer
from nltk.tokenize import word_tokenize
from sklearn.feature_extraction.text import HashingVectorizer

lemmatizer = WordNetLemmatizer()


def analyze(text):
    return [lemmatizer.lemmatize(tok) for tok in word_tokenize(text.lower())]


def main():
    with open("field_clf.pkl", "rb") as f:
        clf = pickle.load(f)
    df = pd.read_csv("data/abstracts_biomed.csv")
    vec = HashingVectorizer(analyzer=analyze, n_features=2 ** 19)
    X = vec.transform(df["abstract"])
    for epoch in range(3):
        clf.partial_fit(X, df["field"].values)
    with open("field_clf_biomed.pkl", "wb") as f:
        pickle.dump(clf, f)


if __name__ == "__main__":
    main()
