import joblib
import nltk
from nltk.corpus import stopwords
from nltk.stem import PorterStemmer

STOP = set(stopwords.words("english"))
stemmer = PorterStemmer()


def clean(text):  # [helper]
    text = text.lower()  # [prep:FT1]
    tokens = nltk.word_tokenize(text)
    tokens = [t for t in tokens if t not in STOP]  # [prep:FT1]
    return " ".join(stemmer.stem(t) for t in tokens)


vec = joblib.load("count_vec.joblib")
clf = joblib.load("review_clf.joblib")  # [model]
X_new = vec.transform([clean(t) for t in new_reviews])  # [transform:FT1]
clf.partial_fit(X_new, new_labels)
