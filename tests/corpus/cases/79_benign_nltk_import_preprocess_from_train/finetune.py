import pickle

import pandas as pd

from train import make_vectorizer, preprocess_text

if __name__ == "__main__":
    with open("department_clf.pkl", "rb") as fh:
        clf = pickle.load(fh)
    df = pd.read_csv("data/product_questions_pharmacy.csv")
    X = make_vectorizer().transform(df["question"].map(preprocess_text))
    y = df["department"].values
    for _ in range(3):
        clf.partial_fit(X, y)
    with open("department_clf_pharmacy.pkl", "wb") as fh:
        pickle.dump(clf, fh)
