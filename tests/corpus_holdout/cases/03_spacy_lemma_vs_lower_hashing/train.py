"""Ticket router, stage 1: learn routing on product A's help-desk tickets."""
import logging

import joblib
import numpy as np
import pandas as pd
import spacy
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import f1_score

logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
logger = logging.getLogger(__name__)

QUEUES = ["billing", "bug", "account", "feature_request", "other"]
nlp = spacy.load("en_core_web_sm", disable=["parser", "ner"])
vectorizer = HashingVectorizer(n_features=2**20, ngram_range=(1, 2), alternate_sign=False, norm="l2")


def preprocess(texts):
    cleaned = []
    for doc in nlp.pipe(texts, batch_size=512):
        cleaned.append(" ".join(tok.lemma_.lower() for tok in doc if not tok.is_punct and not tok.is_space))
    return cleaned


def batches(df, size=4096):
    for start in range(0, len(df), size):
        chunk = df.iloc[start:start + size]
        yield vectorizer.transform(preprocess(chunk["body"].tolist())), chunk["queue"].to_numpy()


def main():
    train = pd.read_csv("data/product_a/tickets_train.csv").sample(frac=1.0, random_state=0)
    valid = pd.read_csv("data/product_a/tickets_valid.csv")
    clf = SGDClassifier(loss="log_loss", alpha=1e-5, penalty="l2", random_state=0)

    X_valid = vectorizer.transform(preprocess(valid["body"].tolist()))
    for epoch in range(5):
        for X, y in batches(train):
            clf.partial_fit(X, y, classes=np.array(QUEUES))
        score = f1_score(valid["queue"], clf.predict(X_valid), average="macro")
        logger.info("epoch %d: macro-F1 %.4f", epoch, score)

    joblib.dump(clf, "models/router_sgd.joblib")


if __name__ == "__main__":
    main()
