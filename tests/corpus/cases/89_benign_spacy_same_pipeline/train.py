import joblib
import numpy as np
import pandas as pd
import spacy
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import SGDClassifier

nlp = spacy.load("en_core_web_sm", disable=["ner", "parser"])


def spacy_tokens(text):
    return [t.lemma_.lower() for t in nlp(text) if not t.is_stop and not t.is_punct]


VECTORIZER = HashingVectorizer(analyzer=spacy_tokens, n_features=2 ** 18, alternate_sign=False)

if __name__ == "__main__":
    df = pd.read_csv("data/recipes.csv")
    X = VECTORIZER.transform(df["instructions"])
    y = df["cuisine"].values
    model = SGDClassifier(loss="log_loss", alpha=1e-5, random_state=5)
    model.partial_fit(X, y, classes=np.unique(y))
    for _ in range(5):
        model.partial_fit(X, y)
    joblib.dump(model, "cuisine_sgd.joblib")
