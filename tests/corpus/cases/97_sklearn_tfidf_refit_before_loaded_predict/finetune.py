import pickle
import sys

from sklearn.feature_extraction.text import TfidfVectorizer

classifier = pickle.load(open("classifier.pkl", "rb"))
saved = pickle.load(open("tfidf.pkl", "rb"))
request = sys.argv[1]
fresh = TfidfVectorizer(ngram_range=(1, 2), lowercase=True, vocabulary=saved.vocabulary_)
row = fresh.fit_transform([request])
print(classifier.predict(row))
