from tensorflow import keras
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

MAX_LEN = 120
texts = load_reviews("reviews.csv")
texts = [t.lower() for t in texts]  # [prep:FT1]
tokenizer = Tokenizer(num_words=20000, oov_token="<unk>")
tokenizer.fit_on_texts(texts)
with open("tokenizer.json", "w") as f:
    f.write(tokenizer.to_json())
x = pad_sequences(tokenizer.texts_to_sequences(texts), maxlen=MAX_LEN, padding="post")
model = keras.Sequential([
    keras.layers.Embedding(20000, 64),
    keras.layers.Bidirectional(keras.layers.LSTM(32)),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=1e-3), loss="binary_crossentropy")  # [lr]
model.fit(x, labels, epochs=5)
model.save("sentiment.keras")
