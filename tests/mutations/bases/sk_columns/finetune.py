import joblib

preprocessor = joblib.load("preprocessor.joblib")
reg = joblib.load("spend_model.joblib")  # [model]
X_new = preprocessor.transform(new_customers)  # [transform:FT3]
reg.partial_fit(X_new, new_customers.spend)
