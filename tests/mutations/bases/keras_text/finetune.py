from tensorflow import keras
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import tokenizer_from_json

MAX_LEN = 120
with open("tokenizer.json") as f:
    tokenizer = tokenizer_from_json(f.read())
texts = load_reviews("support_tickets.csv")
texts = [t.lower() for t in texts]  # [prep:FT1]
x = pad_sequences(tokenizer.texts_to_sequences(texts), maxlen=MAX_LEN, padding="post")
model = keras.models.load_model("sentiment.keras")  # [model]
model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=1e-4), loss="binary_crossentropy")  # [lr]
model.fit(x, labels, epochs=2)
