import joblib

pipe = joblib.load("ticket_pipe.joblib")  # [model]
vectorizer = pipe.named_steps["tfidf"]
X_new = vectorizer.transform(new_tickets.text)  # [transform:FT1]
pipe.named_steps["clf"].partial_fit(X_new, new_tickets.label)
joblib.dump(pipe, "ticket_pipe_v2.joblib")
