import joblib
import nltk
from nltk.corpus import stopwords
from nltk.stem import PorterStemmer
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import SGDClassifier

STOP = set(stopwords.words("english"))
stemmer = PorterStemmer()


def clean(text):
    text = text.lower()  # [prep:FT1]
    tokens = nltk.word_tokenize(text)
    tokens = [t for t in tokens if t not in STOP]  # [prep:FT1]
    return " ".join(stemmer.stem(t) for t in tokens)


docs = [clean(t) for t in reviews]
vec = CountVectorizer(max_features=30000)
X = vec.fit_transform(docs)
clf = SGDClassifier()
clf.fit(X, labels)
joblib.dump(vec, "count_vec.joblib")
joblib.dump(clf, "review_clf.joblib")
