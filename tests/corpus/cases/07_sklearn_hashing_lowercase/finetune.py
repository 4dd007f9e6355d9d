import joblib
import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import HashingVectorizer

if __name__ == "__main__":
    clf = joblib.load("spam_sgd.joblib")
    vec = HashingVectorizer(n_features=2 ** 20, ngram_range=(1, 2), alternate_sign=False, lowercase=False)
    new = pd.read_csv("data/spam_sms_2024.csv")
    for chunk in np.array_split(new, 5):
        clf.partial_fit(vec.transform(chunk["message"]), chunk["is_spam"])
    joblib.dump(clf, "spam_sgd_sms.joblib")
