"""Fine-tune the sentiment LSTM on restaurant reviews, reusing the saved tokenizer."""
import pandas as pd
from tensorflow import keras
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import tokenizer_from_json

MAXLEN = 200

with open("artifacts/tokenizer.json", encoding="utf-8") as f:
    tokenizer = tokenizer_from_json(f.read())

reviews = pd.read_csv("data/restaurant_reviews.csv")
seqs = tokenizer.texts_to_sequences(reviews["text"].tolist())
X_ft = pad_sequences(seqs, maxlen=MAXLEN, padding="post", truncating="post")
y_ft = reviews["positive"].values

print("reviews:", len(reviews), "positive share:", y_ft.mean())
print("oov share:", sum(s.count(1) for s in seqs) / max(1, sum(len(s) for s in seqs)))

model = keras.models.load_model("artifacts/sentiment_lstm.keras")
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-4), loss="binary_crossentropy", metrics=["accuracy"])
model.fit(
    X_ft,
    y_ft,
    batch_size=32,
    epochs=3,
    validation_split=0.2,
    callbacks=[keras.callbacks.EarlyStopping(patience=1, restore_best_weights=True)],
)
model.save("artifacts/sentiment_lstm_restaurants.keras")
