import re

import joblib
import pandas as pd

DATA_PATH = "data/support_emails_q3.csv"
NON_LETTERS = re.compile(r"[^a-z\s]")


def clean(text):
    return NON_LETTERS.sub("", text.strip().lower())


def main():
    vectorizer = joblib.load("tfidf.joblib")
    clf = joblib.load("email_clf.joblib")
    df = pd.read_csv(DATA_PATH)
    X = vectorizer.transform(df["body"].map(clean))
    for _ in range(5):
        clf.partial_fit(X, df["category"])
    joblib.dump(clf, "email_clf_q3.joblib")


if __name__ == "__main__":
    main()
