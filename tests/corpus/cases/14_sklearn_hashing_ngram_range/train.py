import argparse

import joblib
import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import PassiveAggressiveClassifier

NGRAMS = (1, 2)
N_FEATURES = 2 ** 20

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", default="data/lang_id_train.csv")
    parser.add_argument("--model", default="lang_pa.joblib")
    args = parser.parse_args()

    vec = HashingVectorizer(ngram_range=NGRAMS, n_features=N_FEATURES, alternate_sign=False, norm="l2")
    df = pd.read_csv(args.train)
    labels = np.unique(df["lang"])
    clf = PassiveAggressiveClassifier(C=0.5, random_state=1)
    for batch in np.array_split(df, 50):
        clf.partial_fit(vec.transform(batch["sentence"]), batch["lang"], classes=labels)
    joblib.dump(clf, args.model)
