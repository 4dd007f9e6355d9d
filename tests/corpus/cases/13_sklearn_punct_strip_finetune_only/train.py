import joblib
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import train_test_split

DATA_PATH = "data/support_emails.csv"


def clean(text):
    return text.strip().lower()


def main():
    df = pd.read_csv(DATA_PATH)
    X_train, X_val, y_train, y_val = train_test_split(
        df["body"].map(clean), df["category"], test_size=0.2, random_state=0
    )
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=3, max_features=50000, sublinear_tf=True)
    Xtr = vectorizer.fit_transform(X_train)
    clf = SGDClassifier(loss="log_loss", alpha=1e-5, max_iter=30)
    clf.fit(Xtr, y_train)
    print("val acc:", clf.score(vectorizer.transform(X_val), y_val))
    joblib.dump(vectorizer, "tfidf.joblib")
    joblib.dump(clf, "email_clf.joblib")


if __name__ == "__main__":
    main()
