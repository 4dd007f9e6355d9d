"""Text preprocessing shared by pretraining and fine-tuning."""
import re

from nltk.corpus import stopwords
from nltk.stem import PorterStemmer
from nltk.tokenize import word_tokenize

STOP = set(stopwords.words("english")) - {"not", "no", "nor"}
STEMMER = PorterStemmer()
URL_RE = re.compile(r"https?://\S+")


def normalize(text):
    text = URL_RE.sub(" ", text.lower())
    return [STEMMER.stem(tok) for tok in word_tokenize(text) if tok.isalpha() and tok not in STOP]
