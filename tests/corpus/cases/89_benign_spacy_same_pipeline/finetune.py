import joblib
import pandas as pd
import spacy
from sklearn.feature_extraction.text import HashingVectorizer

nlp = spacy.load("en_core_web_sm", disable=["ner", "parser"])


def spacy_tokens(text):
    return [t.lemma_.lower() for t in nlp(text) if not t.is_stop and not t.is_punct]


VECTORIZER = HashingVectorizer(analyzer=spacy_tokens, n_features=2 ** 18, alternate_sign=False)

if __name__ == "__main__":
    model = joblib.load("cuisine_sgd.joblib")
    df = pd.read_csv("data/recipes_blog_scrape.csv")
    X = VECTORIZER.transform(df["instructions"])
    for _ in range(2):
        model.partial_fit(X, df["cuisine"].values)
    joblib.dump(model, "cuisine_sgd_blogs.joblib")
