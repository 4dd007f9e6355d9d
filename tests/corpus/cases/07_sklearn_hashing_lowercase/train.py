import joblib
import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import f1_score

VEC_PARAMS = {"n_features": 2 ** 20, "ngram_range": (1, 2), "alternate_sign": False}

if __name__ == "__main__":
    train = pd.read_csv("data/spam_train.csv")
    test = pd.read_csv("data/spam_test.csv")
    vec = HashingVectorizer(**VEC_PARAMS)
    clf = SGDClassifier(loss="modified_huber", alpha=1e-5, random_state=42)
    classes = np.array([0, 1])
    for chunk in np.array_split(train, 20):
        clf.partial_fit(vec.transform(chunk["message"]), chunk["is_spam"], classes=classes)
    preds = clf.predict(vec.transform(test["message"]))
    print("f1", f1_score(test["is_spam"], preds))
    joblib.dump(clf, "spam_sgd.joblib")
