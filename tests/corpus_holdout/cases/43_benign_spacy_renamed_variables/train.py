"""Sentiment of product questions: stage 1 on the marketplace Q&A dump."""
import logging

import joblib
import numpy as np
import pandas as pd
import spacy
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import accuracy_score

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("qa-sentiment")

nlp = spacy.load("en_core_web_sm", disable=["ner", "parser"])
vectorizer = HashingVectorizer(n_features=2**18, ngram_range=(1, 2), alternate_sign=False)
LABELS = np.array([0, 1, 2])


def preprocess(texts):
    out = []
    for doc in nlp.pipe(texts, batch_size=1000, n_process=4):
        tokens = []
        for tok in doc:
            if tok.is_stop or tok.is_punct or tok.is_space:
                continue
            tokens.append("<num>" if tok.like_num else tok.lemma_.lower())
        out.append(" ".join(tokens))
    return out


def main():
    train = pd.read_csv("data/marketplace_qa/train.csv")
    dev = pd.read_csv("data/marketplace_qa/dev.csv")
    X_dev = vectorizer.transform(preprocess(dev["question"]))
    clf = SGDClassifier(loss="modified_huber", alpha=2e-5, random_state=1)
    for epoch in range(4):
        for start in range(0, len(train), 20_000):
            part = train.iloc[start:start + 20_000]
            clf.partial_fit(vectorizer.transform(preprocess(part["question"])), part["sentiment"], classes=LABELS)
        logger.info("epoch %d dev accuracy %.4f", epoch, accuracy_score(dev["sentiment"], clf.predict(X_dev)))
    joblib.dump(clf, "models/qa_sentiment_sgd.joblib")


if __name__ == "__main__":
    main()
