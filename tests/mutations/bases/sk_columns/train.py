import joblib
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import SGDRegressor
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUM = ["age", "income", "tenure"]
CAT = ["region", "plan"]
preprocessor = ColumnTransformer([
    ("num", StandardScaler(), NUM),
    ("cat", OneHotEncoder(handle_unknown="ignore"), CAT),
])
X = preprocessor.fit_transform(customers)
reg = SGDRegressor(learning_rate="constant", eta0=0.01)
reg.fit(X, customers.spend)
joblib.dump(preprocessor, "preprocessor.joblib")
joblib.dump(reg, "spend_model.joblib")
