"""Ticket router, stage 2: adapt the product-A router to product B's tickets."""
import logging

import joblib
import numpy as np
import pandas as pd
import spacy
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.metrics import classification_report

logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
logger = logging.getLogger(__name__)

QUEUES = ["billing", "bug", "account", "feature_request", "other"]
nlp = spacy.load("en_core_web_sm", disable=["parser", "ner"])
vectorizer = HashingVectorizer(n_features=2**20, ngram_range=(1, 2), alternate_sign=False, norm="l2")


def preprocess(texts):
    cleaned = []
    for doc in nlp.pipe(texts, batch_size=512):
        cleaned.append(" ".join(tok.lower_ for tok in doc if not tok.is_punct and not tok.is_space))
    return cleaned


def main():
    clf = joblib.load("models/router_sgd.joblib")
    train = pd.read_csv("data/product_b/tickets_train.csv")
    test = pd.read_csv("data/product_b/tickets_test.csv")

    X_train = vectorizer.transform(preprocess(train["body"].tolist()))
    y_train = train["queue"].to_numpy()
    X_test = vectorizer.transform(preprocess(test["body"].tolist()))

    rng = np.random.default_rng(0)
    for epoch in range(3):
        order = rng.permutation(X_train.shape[0])
        for start in range(0, len(order), 1024):
            idx = order[start:start + 1024]
            clf.partial_fit(X_train[idx], y_train[idx], classes=np.array(QUEUES))
        logger.info("epoch %d: test accuracy %.4f", epoch, clf.score(X_test, test["queue"]))

    logger.info("\n%s", classification_report(test["queue"], clf.predict(X_test)))
    joblib.dump(clf, "models/router_sgd_product_b.joblib")


if __name__ == "__main__":
    main()
