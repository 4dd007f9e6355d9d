"""Sentiment of product questions: stage 2 on our own shop's questions."""
import logging

import joblib
import numpy as np
import pandas as pd
import spacy
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.metrics import classification_report

logging.basicConfig(level=logging.INFO)
log = logging.getLogger("shop-qa-sentiment")

en_pipe = spacy.load("en_core_web_sm", disable=["ner", "parser"])
hasher = HashingVectorizer(n_features=2**18, ngram_range=(1, 2), alternate_sign=False)
CLASS_IDS = np.array([0, 1, 2])


def _keep(token):
    return not (token.is_stop or token.is_punct or token.is_space)


def _form(token):
    return "<num>" if token.like_num else token.lemma_.lower()


def normalise_texts(questions):
    return [" ".join(_form(t) for t in parsed if _keep(t)) for parsed in en_pipe.pipe(questions, batch_size=1000)]


def main():
    model = joblib.load("models/qa_sentiment_sgd.joblib")
    shop = pd.read_csv("data/shop_questions/labelled.csv")
    cut = int(len(shop) * 0.8)
    fit_part, held_out = shop.iloc[:cut], shop.iloc[cut:]
    feats_fit = hasher.transform(normalise_texts(fit_part["question"]))
    feats_held = hasher.transform(normalise_texts(held_out["question"]))
    for rnd in range(3):
        model.partial_fit(feats_fit, fit_part["sentiment"], classes=CLASS_IDS)
        log.info("round %d held-out accuracy %.4f", rnd, model.score(feats_held, held_out["sentiment"]))
    log.info("\n%s", classification_report(held_out["sentiment"], model.predict(feats_held)))
    joblib.dump(model, "models/shop_sentiment_sgd.joblib")


if __name__ == "__main__":
    main()
