"""Credit default: continue training the bureau MLP on the bank's own customers."""
from joblib import load, dump
import pandas as pd
from sklearn import metrics

num_cols = ["income", "debt_ratio", "utilization", "age", "n_open_lines", "n_late_90d"]
cat_cols = ["employment", "housing", "region"]

customers = pd.read_csv("data/bank_customers.csv")
customers[num_cols] = customers[num_cols].clip(lower=-1e6, upper=1e6)
holdout = customers.sample(frac=0.2, random_state=1)
customers = customers.drop(holdout.index)

ct = load("artifacts/preprocessor.joblib")
net = load("artifacts/mlp_bureau.joblib")

features = ct.transform(customers[num_cols + cat_cols])
target = customers["default_12m"].values
features_ho = ct.transform(holdout[num_cols + cat_cols])

net.set_params(learning_rate_init=1e-4)
for step in range(25):
    net.partial_fit(features, target)
    if step % 5 == 4:
        auc = metrics.roc_auc_score(holdout["default_12m"], net.predict_proba(features_ho)[:, 1])
        print(f"step {step + 1}: holdout AUC {auc:.4f}")

final_proba = net.predict_proba(features_ho)[:, 1]
print("final holdout AUC:", round(metrics.roc_auc_score(holdout["default_12m"], final_proba), 4))
print("final holdout Brier:", round(metrics.brier_score_loss(holdout["default_12m"], final_proba), 4))
dump(net, "artifacts/mlp_bank.joblib")
