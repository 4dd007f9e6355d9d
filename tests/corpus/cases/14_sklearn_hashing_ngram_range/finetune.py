import argparse

import joblib
import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import HashingVectorizer

NGRAMS = (1, 1)
N_FEATURES = 2 ** 20

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", default="data/lang_id_tweets.csv")
    parser.add_argument("--model", default="lang_pa.joblib")
    parser.add_argument("--out", default="lang_pa_tweets.joblib")
    args = parser.parse_args()

    vec = HashingVectorizer(ngram_range=NGRAMS, n_features=N_FEATURES, alternate_sign=False, norm="l2")
    clf = joblib.load(args.model)
    df = pd.read_csv(args.train)
    for batch in np.array_split(df, 10):
        clf.partial_fit(vec.transform(batch["sentence"]), batch["lang"])
    joblib.dump(clf, args.out)
