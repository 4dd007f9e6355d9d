import pickle

from sklearn.linear_model import Ridge
from sklearn.preprocessing import StandardScaler


def fit_scaler(rows):
    scaler = StandardScaler()
    rows = scaler.fit_transform(rows)
    pickle.dump(scaler, open("scaler.pkl", "wb"))
    return rows


def train(rows, target):
    model = Ridge()
    model.fit(rows, target)
    pickle.dump(model, open("model.pkl", "wb"))


def predict(rows):
    model = pickle.load(open("model.pkl", "rb"))
    scaler = pickle.load(open("scaler.pkl", "rb"))
    return model.predict(scaler.transform(rows))
