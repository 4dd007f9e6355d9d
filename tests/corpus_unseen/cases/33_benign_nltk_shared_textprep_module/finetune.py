"""Fine-tune the CFPB complaint classifier on our own ticket narratives."""
import joblib
import numpy as np
import pandas as pd
from sklearn.metrics import classification_report

from textprep import normalize  # noqa: F401  (needed to unpickle the vectorizer)

tickets = pd.read_csv("data/bank_tickets_labelled.csv").dropna(subset=["narrative"])
valid = tickets.sample(frac=0.2, random_state=0)
train = tickets.drop(valid.index)

tfidf = joblib.load("artifacts/tfidf.joblib")
model = joblib.load("artifacts/sgd_cfpb.joblib")

X_train = tfidf.transform(train["narrative"])
X_valid = tfidf.transform(valid["narrative"])
y_train = train["product_id"].to_numpy()
unknown = set(np.unique(y_train)) - set(model.classes_)
assert not unknown, f"labels unseen at pretraining: {unknown}"

for epoch in range(3):
    order = np.random.default_rng(100 + epoch).permutation(X_train.shape[0])
    model.partial_fit(X_train[order], y_train[order])

print("train tickets:", X_train.shape[0], "valid tickets:", X_valid.shape[0])
print("vocabulary size:", len(tfidf.vocabulary_))
print(classification_report(valid["product_id"], model.predict(X_valid)))
print("valid accuracy:", round(model.score(X_valid, valid["product_id"].to_numpy()), 4))
joblib.dump(model, "artifacts/sgd_bank.joblib")
