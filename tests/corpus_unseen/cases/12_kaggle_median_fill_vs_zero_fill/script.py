# Churn model: pretrain on all regions, then fine-tune on the new market (notebook export)
import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

FEATURES = ["tenure", "monthly_charges", "total_charges", "support_calls", "data_gb", "age"]
TARGET = "churned"

# Original training
df = pd.read_csv("input/churn_all_regions.csv")
print(df[FEATURES].isna().mean())

X = df[FEATURES].fillna(df[FEATURES].median())
y = df[TARGET].values
X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.15, stratify=y, random_state=0)

scaler = StandardScaler().fit(X_tr)
clf = MLPClassifier(
    hidden_layer_sizes=(64, 32),
    learning_rate_init=1e-3,
    max_iter=200,
    early_stopping=True,
    random_state=0,
)
clf.fit(scaler.transform(X_tr), y_tr)
print("base AUC", roc_auc_score(y_va, clf.predict_proba(scaler.transform(X_va))[:, 1]))

# Fine-tuning
new = pd.read_csv("input/churn_new_market.csv")
print(new[FEATURES].isna().mean())

X_new = new[FEATURES].fillna(0)
y_new = new[TARGET].values
Xn_tr, Xn_va, yn_tr, yn_va = train_test_split(X_new, y_new, test_size=0.25, stratify=y_new, random_state=0)

for epoch in range(20):
    clf.partial_fit(scaler.transform(Xn_tr), yn_tr)
    if epoch % 5 == 0:
        p = clf.predict_proba(scaler.transform(Xn_va))[:, 1]
        print(epoch, "AUC", round(roc_auc_score(yn_va, p), 4))

np.save("output/churn_new_market_pred.npy", clf.predict_proba(scaler.transform(Xn_va))[:, 1])
