import joblib
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.pipeline import Pipeline

pipe = Pipeline([
    ("tfidf", TfidfVectorizer(lowercase=True, ngram_range=(1, 2), min_df=2)),
    ("clf", SGDClassifier(loss="log_loss")),
])
pipe.fit(tickets.text, tickets.label)
joblib.dump(pipe, "ticket_pipe.joblib")
