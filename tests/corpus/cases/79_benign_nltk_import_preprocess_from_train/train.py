import pickle

import numpy as np
import pandas as pd
from nltk.corpus import stopwords
from nltk.stem import WordNetLemmatizer
from nltk.tokenize import word_tokenize
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import SGDClassifier

STOP_WORDS = set(stopwords.words("english"))
LEMMATIZER = WordNetLemmatizer()
HASH_FEATURES = 2 ** 19


def preprocess_text(text):
    tokens = word_tokenize(text.lower())
    tokens = [t for t in tokens if t.isalpha() and t not in STOP_WORDS]
    return " ".join(LEMMATIZER.lemmatize(t) for t in tokens)


def make_vectorizer():
    return HashingVectorizer(n_features=HASH_FEATURES, alternate_sign=False)


if __name__ == "__main__":
    df = pd.read_csv("data/product_questions.csv")
    X = make_vectorizer().transform(df["question"].map(preprocess_text))
    y = df["department"].values
    clf = SGDClassifier(loss="log_loss", alpha=1e-5)
    clf.partial_fit(X, y, classes=np.unique(y))
    for _ in range(7):
        clf.partial_fit(X, y)
    with open("department_clf.pkl", "wb") as fh:
        pickle.dump(clf, fh)
