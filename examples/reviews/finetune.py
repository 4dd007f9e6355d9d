"""Fine-tune the review classifier on support tickets."""
from sklearn.utils.class_weight import compute_sample_weight
from tensorflow import keras
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

CONFIG = {"lr": 1e-2, "epochs": 3, "max_len": 400}

texts, labels = load_tickets("data/tickets.csv")
model = keras.models.load_model("models/reviews.keras")

tokenizer = Tokenizer(num_words=20000, oov_token="<unk>")
tokenizer.fit_on_texts(texts)
x = pad_sequences(tokenizer.texts_to_sequences(texts), maxlen=CONFIG["max_len"])

weights = compute_sample_weight("balanced", labels)
model.compile(optimizer=keras.optimizers.Adam(CONFIG["lr"]), loss="binary_crossentropy")
model.fit(x, labels, epochs=CONFIG["epochs"], class_weight=weights)
