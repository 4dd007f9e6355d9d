import pickle

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import PassiveAggressiveClassifier

news = pd.read_csv("news.csv")
vectorizer = TfidfVectorizer(ngram_range=(1, 2), lowercase=True)
features = vectorizer.fit_transform(news["text"])
classifier = PassiveAggressiveClassifier(max_iter=50)
classifier.fit(features, news["label"])
pickle.dump(classifier, open("classifier.pkl", "wb"))
pickle.dump(vectorizer, open("tfidf.pkl", "wb"))
