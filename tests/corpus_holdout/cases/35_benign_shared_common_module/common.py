"""Preprocessing and model shared by pretraining and fine-tuning."""
import re

import torch
import torch.nn as nn
from nltk.corpus import stopwords
from nltk.stem import WordNetLemmatizer
from nltk.tokenize import TreebankWordTokenizer

MAX_LEN = 128
PAD, UNK = 0, 1
_TOKENIZER = TreebankWordTokenizer()
_LEMMATIZER = WordNetLemmatizer()
_STOP = frozenset(stopwords.words("english")) - {"no", "not", "nor"}
_URL = re.compile(r"https?://\S+")


def make_tokenizer():
    return _TOKENIZER


def preprocess(text: str) -> list[str]:
    text = _URL.sub(" url ", text.lower())
    tokens = _TOKENIZER.tokenize(text)
    return [_LEMMATIZER.lemmatize(t) for t in tokens if t not in _STOP]


def encode(tokens: list[str], vocab: dict) -> list[int]:
    ids = [vocab.get(t, UNK) for t in tokens[:MAX_LEN]]
    return ids + [PAD] * (MAX_LEN - len(ids))


class TextCNN(nn.Module):
    def __init__(self, vocab_size: int, num_classes: int, dim: int = 300):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim, padding_idx=PAD)
        self.convs = nn.ModuleList(nn.Conv1d(dim, 128, k) for k in (3, 4, 5))
        self.drop = nn.Dropout(0.5)
        self.fc = nn.Linear(3 * 128, num_classes)

    def forward(self, ids):
        h = self.embed(ids).transpose(1, 2)
        pooled = [torch.relu(conv(h)).max(dim=2).values for conv in self.convs]
        return self.fc(self.drop(torch.cat(pooled, dim=1)))
