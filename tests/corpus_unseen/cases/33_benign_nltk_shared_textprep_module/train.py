"""Pretrain a TF-IDF + SGD complaint classifier on the public CFPB complaints."""
import joblib
import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier

import textprep

complaints = pd.read_csv("data/cfpb_complaints.csv").dropna(subset=["narrative"])
labels = complaints["product_id"].to_numpy()

vectorizer = TfidfVectorizer(
    tokenizer=textprep.normalize,
    lowercase=False,
    token_pattern=None,
    ngram_range=(1, 2),
    min_df=3,
    max_features=100_000,
    sublinear_tf=True,
)
X = vectorizer.fit_transform(complaints["narrative"])

clf = SGDClassifier(loss="log_loss", alpha=2e-6, random_state=0)
classes = np.unique(labels)
for epoch in range(5):
    order = np.random.default_rng(epoch).permutation(X.shape[0])
    clf.partial_fit(X[order], labels[order], classes=classes)
    print(f"epoch {epoch}: acc {clf.score(X, labels):.3f}")

joblib.dump(vectorizer, "artifacts/tfidf.joblib")
joblib.dump(clf, "artifacts/sgd_cfpb.joblib")
