"""FT1xx: the text pipeline (tokenizer, casing, stop words, stemming, filters, vocabulary)."""

from __future__ import annotations

from collections.abc import Iterator

from ftlint.facts import Fact
from ftlint.findings import Edit, Finding, Fix
from ftlint.paths import same_place
from ftlint.rule import Pair as P
from ftlint.rule import (
    PairContext,
    PairRule,
    Profile,
    Script,
    ScriptContext,
    ScriptRule,
    no_shared_value,
    one_side_only,
    refits_for_loaded_model,
    values_of,
)

TEXT_PIPELINE = ("tokenizer", "vectorizer", "text_pipeline")


def _saved_paths(profile: Profile, *what: str) -> set[str]:
    return {f.value.value for f in profile.of("save")
            if f.value.known and f.attr("what") in what}


def _tokenizers(profile: Profile, other: Profile) -> dict[str, object]:
    """Tokenizer identity -> fact; a pretrained tokenizer is named by its checkpoint.

    A tokenizer loaded from a directory is left out: where the other script saved something
    there, it is that tokenizer, and where it did not, which one it is is unknown.
    """
    saves = other.of("save")
    unknown_saves = any(not s.value.known for s in saves)
    found = {}
    for fact in profile.of("tokenizer"):
        identity = fact.value
        checkpoint = fact.attr("checkpoint")
        if checkpoint is not None:
            if not checkpoint.known or fact.attr("local") or unknown_saves:
                continue
            if any(same_place(s.value.value, checkpoint.value) for s in saves):
                continue
            identity = f"{fact.value}:{checkpoint.value}"
        found.setdefault(identity, fact)
    return found


def _fine_tunes_another_model(ctx: PairContext) -> bool:
    """Fine-tuning loads a hub model the pretraining neither used nor wrote: it fine-tunes
    that model (with its own tokenizer), not the one the pretraining trained."""
    known = {f.value.value for f in ctx.pretrain.of("load", "save") if f.value.known}
    for load in ctx.finetune.of("load"):
        if load.attr("what") == "model" and load.value.known and not load.attr("local"):
            if load.value.value not in known and not any(
                    same_place(path, load.value.value) for path in known):
                return True
    return False


def _describe(identity: str) -> str:
    if identity.startswith("hf:"):
        return f"the pretrained tokenizer '{identity[3:]}'"
    if identity == "whitespace":
        return "whitespace splitting (str.split)"
    if identity.startswith("regex:"):
        return f"a regular expression ({identity[6:]!r})"
    return identity


class TokenizerChanged(PairRule):
    code = "FT101"
    name = "tokenizer-changed"
    severity = "error"
    summary = "Fine-tuning tokenizes text differently from pretraining"
    explanation = (
        "A model learns embeddings for the tokens its pretraining tokenizer produced. A "
        "different tokenizer at fine-tuning (NLTK's word_tokenize vs str.split, a regular "
        "expression, spaCy, or a Hugging Face tokenizer from another checkpoint) splits the "
        "same text into other tokens, so the model sees ids and words it never learned. Reuse "
        "the pretraining tokenizer, or load the one it saved."
    )
    invalid = [
        P("import nltk\ntokens = nltk.word_tokenize(text)\n",
          "def prep(text):\n    return text.lower().split()\n", "word_tokenize vs split"),
        P("from transformers import AutoTokenizer\n"
          "tok = AutoTokenizer.from_pretrained('bert-base-uncased')\n",
          "from transformers import AutoTokenizer\n"
          "tok = AutoTokenizer.from_pretrained('roberta-base')\n", "another checkpoint"),
    ]
    valid = [
        P("import nltk\ntokens = nltk.word_tokenize(text)\n",
          "from nltk import word_tokenize\ntokens = word_tokenize(text)\n", "another import style"),
        P("from transformers import AutoTokenizer\n"
          "tok = AutoTokenizer.from_pretrained('distilgpt2')\n",
          "from transformers import AutoModelForSequenceClassification, AutoTokenizer\n"
          "tok = AutoTokenizer.from_pretrained('distilbert-base-uncased')\n"
          "model = AutoModelForSequenceClassification.from_pretrained('distilbert-base-uncased')\n",
          "fine-tuning another hub model, with its own tokenizer"),
        P("from transformers import AutoTokenizer\n"
          "tok = AutoTokenizer.from_pretrained('bert-base-uncased')\n"
          "tok.save_pretrained('./out')\n",
          "from transformers import AutoTokenizer\n"
          "tok = AutoTokenizer.from_pretrained('./out')\n", "loaded from where it was saved"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        if _fine_tunes_another_model(ctx):
            return
        yield from no_shared_value(
            ctx, _tokenizers(ctx.pretrain, ctx.finetune), _tokenizers(ctx.finetune, ctx.pretrain),
            lambda new, old: f"fine-tuning tokenizes with {_describe(new)}; pretraining used "
                             f"{_describe(old)}", "pretraining tokenizer")


class LowercasingMismatch(PairRule):
    code = "FT102"
    name = "lowercasing-mismatch"
    severity = "warning"
    summary = "Text is lowercased in one script only"
    explanation = (
        "When pretraining lowercased its text and fine-tuning does not (or the reverse), "
        "capitalized words become tokens the vocabulary does not have, or lose the "
        "distinction the model learned. Apply the same casing in both scripts."
    )
    invalid = [
        P("def prep(t):\n    return t.lower().split()\n",
          "def prep(t):\n    return t.strip().split()\n"),
        P("from tensorflow.keras.preprocessing.text import Tokenizer\ntok = Tokenizer(num_words=5000)\n",
          "from tensorflow.keras.preprocessing.text import Tokenizer\n"
          "tok = Tokenizer(num_words=5000, lower=False)\n", "Keras Tokenizer lower= default True"),
    ]
    valid = [
        P("def prep(t):\n    return t.lower().split()\n",
          "def clean(text):\n    return text.lower().split()\n"),
        P("import nltk\nwords = nltk.word_tokenize(t.lower())\n",
          "import nltk\nfrom mylib.text import normalize\nwords = nltk.word_tokenize(normalize(t))\n",
          "fine-tuning calls code ftlint cannot read: unknown, so silent"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        yield from one_side_only(ctx, "lowercase", TEXT_PIPELINE, "lowercases text")


class StopWordsMismatch(PairRule):
    code = "FT103"
    name = "stopword-removal-mismatch"
    severity = "warning"
    summary = "Stop words are removed in one script only"
    explanation = (
        "Removing stop words changes which tokens reach the model and how sequences look. A "
        "model pretrained without 'the', 'is', 'not' and fine-tuned with them (or the reverse) "
        "sees a different input distribution. Remove the same stop words in both scripts."
    )
    invalid = [
        P("import nltk\nfrom nltk.corpus import stopwords\nstop = set(stopwords.words('english'))\n"
          "def prep(t):\n    return [w for w in nltk.word_tokenize(t) if w not in stop]\n",
          "import nltk\ndef prep(t):\n    return nltk.word_tokenize(t)\n"),
    ]
    valid = [
        P("import nltk\nfrom nltk.corpus import stopwords\nstop = set(stopwords.words('english'))\n"
          "def prep(t):\n    return [w for w in nltk.word_tokenize(t) if w not in stop]\n",
          "from train import prep\nx = prep(t)\n", "preprocessing imported from the training script"),
        P("import numpy as np\nfrom nltk.corpus import stopwords\n"
          "from keras.preprocessing.text import Tokenizer\nstop = set(stopwords.words('english'))\n"
          "texts = [' '.join(w for w in t.split() if w not in stop) for t in raw]\n"
          "np.save('clean.npy', texts)\ntok = Tokenizer(num_words=1000)\ntok.fit_on_texts(texts)\n",
          "import numpy as np\nfrom keras.preprocessing.text import Tokenizer\n"
          "texts = np.load('clean.npy')\ntok = Tokenizer(num_words=1000)\n"
          "tok.fit_on_texts(texts)\n",
          "fine-tuning reads the texts pretraining saved after removing stop words"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        yield from one_side_only(ctx, "stopwords", TEXT_PIPELINE, "removes stop words")


class StemmingMismatch(PairRule):
    code = "FT104"
    name = "stemming-mismatch"
    severity = "warning"
    summary = "Stemming or lemmatization differs between the scripts"
    explanation = (
        "A stemmer ('studies' -> 'studi'), a lemmatizer ('studies' -> 'study') and no "
        "normalization produce different tokens from the same words. Use the same one in both "
        "scripts."
    )
    invalid = [
        P("from nltk.stem import PorterStemmer\nstem = PorterStemmer()\n",
          "from nltk.stem import WordNetLemmatizer\nlem = WordNetLemmatizer()\n"),
    ]
    valid = [
        P("from nltk.stem import PorterStemmer\nstem = PorterStemmer()\n",
          "import nltk\nstem = nltk.stem.PorterStemmer()\n"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        changed = list(no_shared_value(
            ctx, values_of(ctx.pretrain, "stemming"), values_of(ctx.finetune, "stemming"),
            lambda new, old: f"fine-tuning uses {new}; pretraining used {old}"))
        if changed:
            yield from changed
            return
        yield from one_side_only(ctx, "stemming", TEXT_PIPELINE + ("stopwords",),
                                 "stems or lemmatizes words")


class CharacterFilterMismatch(PairRule):
    code = "FT105"
    name = "character-filter-mismatch"
    severity = "warning"
    summary = "Characters or tokens are filtered in one script only"
    explanation = (
        "Dropping punctuation, digits or non-alphanumeric tokens (isalnum, isalpha, re.sub) "
        "in one script only leaves tokens in the other that the model never saw, or removes "
        "ones it learned from. Filter the same way in both scripts."
    )
    invalid = [
        P("import nltk\ndef prep(t):\n    return [w for w in nltk.word_tokenize(t) if w.isalnum()]\n",
          "import nltk\ndef prep(t):\n    return nltk.word_tokenize(t)\n"),
    ]
    valid = [
        P("import nltk\ndef prep(t):\n    return [w for w in nltk.word_tokenize(t) if w.isalnum()]\n",
          "import nltk\ndef prep(text):\n    words = nltk.word_tokenize(text)\n"
          "    return [w for w in words if w.isalnum()]\n"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        yield from one_side_only(ctx, "char_filter", TEXT_PIPELINE, "filters characters")


class VectorizerChanged(PairRule):
    code = "FT106"
    name = "vectorizer-changed"
    severity = "warning"
    summary = "The vectorizer class or its settings differ"
    explanation = (
        "A model trained on TF-IDF features of unigrams expects exactly those columns. Another "
        "vectorizer class, ngram_range, max_features, min_df, analyzer or lowercase setting "
        "produces a different feature space. Reuse the fitted pretraining vectorizer."
    )
    invalid = [
        P("from sklearn.feature_extraction.text import TfidfVectorizer\n"
          "vec = TfidfVectorizer(ngram_range=(1, 2))\n",
          "from sklearn.feature_extraction.text import TfidfVectorizer\nvec = TfidfVectorizer()\n"),
        P("from sklearn.feature_extraction.text import TfidfVectorizer\nvec = TfidfVectorizer()\n",
          "from sklearn.feature_extraction.text import CountVectorizer\nvec = CountVectorizer()\n"),
    ]
    valid = [
        P("from sklearn.feature_extraction.text import TfidfVectorizer\n"
          "NGRAMS = (1, 2)\nvec = TfidfVectorizer(ngram_range=NGRAMS, max_features=20000)\n",
          "from sklearn.feature_extraction.text import TfidfVectorizer\n"
          "vec = TfidfVectorizer(max_features=20_000, ngram_range=(1, 2))\n"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        before = ctx.pretrain.of("vectorizer")
        after = ctx.finetune.of("vectorizer")
        if not before or not after:
            return
        old, new = before[0], after[0]
        if old.value != new.value:
            yield ctx.finding(new, f"fine-tuning uses {new.value}; pretraining used {old.value}",
                              [(old, f"pretraining vectorizer: {old.text}")])
            return
        changed = []
        old_settings, new_settings = old.attr("settings", {}), new.attr("settings", {})
        for key, value in new_settings.items():
            previous = old_settings.get(key)
            if previous is None or not (value.known and previous.known):
                continue
            if _norm(value.value) != _norm(previous.value):
                changed.append(f"{key}={value.describe()} (pretraining: {previous.describe()})")
        if changed:
            yield ctx.finding(new, f"{new.value} settings differ: " + ", ".join(changed),
                              [(old, f"pretraining vectorizer: {old.text}")])


def _norm(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


class TextEncoderRefitted(PairRule):
    code = "FT107"
    name = "text-encoder-refitted"
    severity = "error"
    summary = "A tokenizer or vectorizer is fitted again on the fine-tuning data"
    explanation = (
        "Fitting a tokenizer or vectorizer (fit, fit_transform, fit_on_texts, adapt, "
        "train_new_from_iterator) on the fine-tuning data builds a new vocabulary: word ids "
        "and feature columns no longer mean what the model learned. Load the fitted one the "
        "pretraining saved and only call transform / texts_to_sequences."
    )
    invalid = [
        P("from sklearn.feature_extraction.text import TfidfVectorizer\n"
          "vec = TfidfVectorizer()\nX = vec.fit_transform(texts)\n",
          "from sklearn.feature_extraction.text import TfidfVectorizer\n"
          "vec = TfidfVectorizer()\nX = vec.fit_transform(new_texts)\n"),
        P("from tensorflow.keras.preprocessing.text import Tokenizer\n"
          "tok = Tokenizer(num_words=10000)\ntok.fit_on_texts(texts)\n",
          "from tensorflow.keras.preprocessing.text import Tokenizer\n"
          "tok = Tokenizer(num_words=10000)\ntok.fit_on_texts(new_texts)\n"),
    ]
    valid = [
        P("from sklearn.feature_extraction.text import TfidfVectorizer\nimport joblib\n"
          "vec = TfidfVectorizer()\nX = vec.fit_transform(texts)\njoblib.dump(vec, 'vec.joblib')\n",
          "import joblib\nvec = joblib.load('vec.joblib')\nX = vec.transform(new_texts)\n"),
        P("from sklearn.feature_extraction.text import TfidfVectorizer\n"
          "vec = TfidfVectorizer()\nX = vec.fit_transform(texts)\n",
          "from sklearn.feature_extraction.text import TfidfVectorizer\n"
          "from sklearn.linear_model import LogisticRegression\n"
          "vec = TfidfVectorizer()\nX = vec.fit_transform(new_texts)\n"
          "clf = LogisticRegression()\nclf.fit(X, labels)\n",
          "a new vectorizer for a new estimator: a full retrain"),
        P("import pandas as pd\nfrom keras.preprocessing.text import Tokenizer\n"
          "df = pd.read_csv('reviews.csv')\ntok = Tokenizer(num_words=5000)\n"
          "tok.fit_on_texts(df.text)\n",
          "import pandas as pd\nfrom keras.preprocessing.text import Tokenizer\n"
          "frame = pd.read_csv('reviews.csv')\ntok = Tokenizer(num_words=5000)\n"
          "tok.fit_on_texts(frame.text)\n",
          "refitted with the same settings on the same file: the same vocabulary"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        if not ctx.pretrain.has("tokenizer", "vectorizer", "fit"):
            return
        if ctx.finetune.retrains_from_scratch():
            return  # a new vocabulary for a new model: a full retrain, nothing to disagree with
        for fact in ctx.finetune.of("fit"):
            if fact.attr("role") not in ("text-encoder", "pipeline"):
                continue  # a loaded pipeline refitted as a whole refits its vectorizer too
            kind = fact.attr("via")
            if kind and not ctx.pretrain.has(kind, "fit"):
                continue  # a TF-IDF baseline next to a transformer: another kind of encoder
            if _same_recipe(fact, ctx.pretrain.of("fit")):
                continue  # same settings, same data: fitting rebuilds the same vocabulary
            built = (ctx.pretrain.of("fit") or ctx.pretrain.of("vectorizer")
                     or ctx.pretrain.of("tokenizer"))
            related = [(built[0], "pretraining builds its vocabulary here")]
            yield ctx.finding(fact, f"{fact.text} fits a new vocabulary on the fine-tuning "
                              "data; the model was trained with the pretraining one", related)


def _same_recipe(fit: Fact, before: list[Fact]) -> bool:
    """A pretraining fit with the same known settings on the same known data."""
    settings, data = fit.attr("settings"), fit.attr("fitted_on")
    if settings is None or data is None:
        return False
    return any(f.attr("settings") == settings and f.attr("fitted_on") == data for f in before)


class SequenceLengthIncreased(PairRule):
    code = "FT108"
    name = "sequence-length-increased"
    severity = "warning"
    summary = "Fine-tuning sequences are longer than pretraining ones"
    explanation = (
        "A model pretrained on sequences of at most N tokens has never seen positions beyond "
        "N (and position embeddings there may be untrained or absent). Shorter fine-tuning "
        "sequences are fine; longer ones need care."
    )
    invalid = [
        P("from tensorflow.keras.preprocessing.sequence import pad_sequences\n"
          "x = pad_sequences(seqs, maxlen=100, padding='post')\n",
          "from tensorflow.keras.preprocessing.sequence import pad_sequences\n"
          "x = pad_sequences(seqs, maxlen=400, padding='post')\n"),
    ]
    valid = [
        P("from tensorflow.keras.preprocessing.sequence import pad_sequences\n"
          "x = pad_sequences(seqs, maxlen=256)\n",
          "from tensorflow.keras.preprocessing.sequence import pad_sequences\n"
          "x = pad_sequences(seqs, maxlen=128)\n", "shorter is fine"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        before = [f for f in ctx.pretrain.of("max_length") if isinstance(f.value, int)]
        after = [f for f in ctx.finetune.of("max_length") if isinstance(f.value, int)]
        if not before or not after:
            return
        old = max(before, key=lambda f: f.value)
        new = max(after, key=lambda f: f.value)
        if new.value > old.value:
            yield ctx.finding(new, f"fine-tuning sequences reach {new.value} tokens; "
                              f"pretraining stopped at {old.value}",
                              [(old, f"pretraining length: {old.text}")])


class PaddingSideChanged(PairRule):
    code = "FT109"
    name = "padding-side-changed"
    severity = "warning"
    fixable = "safe"
    summary = "Padding or truncation happens on the other side of the sequence"
    explanation = (
        "Padding at the start ('pre', Keras' default) or the end ('post'), and truncating "
        "the start or the end, decide where the real tokens sit and which ones survive. A "
        "recurrent or positional model trained on one layout reads the other one wrongly."
    )
    invalid = [
        P("from tensorflow.keras.preprocessing.sequence import pad_sequences\n"
          "x = pad_sequences(seqs, maxlen=100, padding='post')\n",
          "from tensorflow.keras.preprocessing.sequence import pad_sequences\n"
          "x = pad_sequences(seqs, maxlen=100)\n", "Keras pads 'pre' by default"),
    ]
    valid = [
        P("from tensorflow.keras.preprocessing.sequence import pad_sequences\n"
          "x = pad_sequences(seqs, maxlen=100, padding='pre')\n",
          "from tensorflow.keras.preprocessing.sequence import pad_sequences\n"
          "x = pad_sequences(seqs, maxlen=100)\n"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        for kind, what in (("padding_side", "pads"), ("truncation_side", "truncates")):
            before = values_of(ctx.pretrain, kind)
            for finding in no_shared_value(
                    ctx, before, values_of(ctx.finetune, kind),
                    lambda new, old, what=what: f"fine-tuning {what} at the '{new}' side; "
                                                f"pretraining {what} at the '{old}' side"):
                finding.fix = _same_side(ctx.finetune.of(kind), next(iter(before)))
                yield finding


def _same_side(facts: list[Fact], side: str) -> Fix | None:
    """Write the pretraining side into every fine-tuning call that sets another, when each
    says where (a literal to replace, or room for a keyword)."""
    edits = []
    for fact in facts:
        if fact.value == side:
            continue
        where = fact.attr("edit_at")
        if where is None:
            return None
        span, template = where
        edits.append(Edit(span, template.replace("{value}", side)))
    return Fix(f"Use the pretraining side '{side}'", tuple(edits)) if edits else None


class TokenizerModelMismatch(ScriptRule):
    code = "FT110"
    name = "tokenizer-model-mismatch"
    severity = "error"
    summary = "The tokenizer's checkpoint does not match the model's"
    explanation = (
        "A tokenizer from 'bert-base-cased' feeding a 'bert-base-uncased' model (or a RoBERTa "
        "tokenizer feeding BERT) produces ids from another vocabulary; do_lower_case that "
        "disagrees with the checkpoint's casing does the same more quietly, and so does "
        "text lowercased before a cased checkpoint's tokenizer reads it (the model was "
        "pretrained on text that kept its capitals). Load the tokenizer from the model's "
        "checkpoint, and keep the text's case for a cased one."
    )
    invalid = [
        Script("from transformers import AutoTokenizer, AutoModelForSequenceClassification\n"
               "tok = AutoTokenizer.from_pretrained('bert-base-cased')\n"
               "model = AutoModelForSequenceClassification.from_pretrained('bert-base-uncased')\n"),
        Script("from transformers import BertTokenizer\n"
               "tok = BertTokenizer.from_pretrained('bert-base-cased', do_lower_case=True)\n"),
        Script("from transformers import BertTokenizer\n"
               "texts = [t.lower() for t in df['text']]\n"
               "tokenizer = BertTokenizer.from_pretrained('bert-base-cased')\n"
               "tokens = [tokenizer(t, truncation=True) for t in texts]\n"),
    ]
    valid = [
        Script("from transformers import AutoTokenizer, AutoModelForSequenceClassification\n"
               "CKPT = 'bert-base-uncased'\ntok = AutoTokenizer.from_pretrained(CKPT)\n"
               "model = AutoModelForSequenceClassification.from_pretrained(CKPT, num_labels=3)\n"),
        Script("from transformers import BertTokenizer\n"
               "texts = [t.lower() for t in df['text']]\n"
               "tokenizer = BertTokenizer.from_pretrained('bert-base-uncased')\n"
               "tokens = tokenizer(texts, truncation=True)\n"),
        Script("from transformers import BertTokenizer\n"
               "names = [c.lower() for c in df.columns]\ntexts = list(df['text'])\n"
               "tokenizer = BertTokenizer.from_pretrained('bert-base-cased')\n"
               "tokens = tokenizer(texts, truncation=True)\n"),
    ]

    def check(self, ctx: ScriptContext) -> Iterator[Finding]:
        tokenizers = [f for f in ctx.script.of("tokenizer") if f.attr("traits")]
        models = [f for f in ctx.script.of("load")
                  if f.attr("what") == "model" and f.attr("traits")]
        for tok in tokenizers:
            casing = tok.attr("traits").get("casing")
            lower = tok.attr("lowercase")
            if lower is True and casing == "cased" or lower is False and casing == "uncased":
                yield ctx.finding(tok, f"do_lower_case={lower} contradicts the {casing} "
                                  f"checkpoint '{tok.attr('checkpoint').value}'")
        for fed in ctx.script.of("lowercased_input"):
            if (fed.attr("traits") or {}).get("casing") == "cased":
                yield ctx.finding(fed, f"the text this tokenizer reads was lowercased, and "
                                  f"its checkpoint '{fed.value}' is cased",
                                  [(fed.attr("lowered_at"), "lowercased here")])
        checkpoints = {t.attr("checkpoint").value for t in tokenizers}
        model_checkpoints = {m.value.value for m in models}
        if len(checkpoints) != 1 or len(model_checkpoints) != 1 or checkpoints == model_checkpoints:
            return
        tok, model = tokenizers[0], models[0]
        a, b = tok.attr("traits"), model.attr("traits")
        if _differ(a, b, "family") or _differ(a, b, "casing"):
            yield ctx.finding(tok, f"tokenizer '{tok.attr('checkpoint').value}' does not match "
                              f"the model checkpoint '{model.value.value}'",
                              [(model, "the model is loaded here")])


def _differ(a: dict, b: dict, trait: str) -> bool:
    """Both checkpoints tell the trait and disagree (a local folder tells nothing)."""
    return bool(a.get(trait)) and bool(b.get(trait)) and a[trait] != b[trait]


class EncoderFittedForLoadedModel(ScriptRule):
    code = "FT111"
    name = "encoder-fitted-for-loaded-model"
    severity = "error"
    superseded_by = ("FT107",)  # with the pretraining script at hand, FT107 says which fit
    summary = "A tokenizer or vectorizer fitted here feeds a model loaded from disk"
    explanation = (
        "A model loaded from a file learned on features from the vectorizer or tokenizer it "
        "was trained with. Fitting a new one before predicting (even with the old vocabulary: "
        "TF-IDF weights are fitted too) gives the model columns and weights it never saw. "
        "Save the fitted encoder with the model and load it; only call transform."
    )
    invalid = [
        Script("import pickle\nfrom sklearn.feature_extraction.text import TfidfVectorizer\n"
               "clf = pickle.load(open('model.pkl', 'rb'))\n"
               "old = pickle.load(open('tfidf.pkl', 'rb'))\n"
               "vec = TfidfVectorizer(vocabulary=old.vocabulary_)\n"
               "X = vec.fit_transform([text])\nprint(clf.predict(X))\n",
               "the old vocabulary, but IDF weights fitted on one document"),
        Script("from tensorflow import keras\n"
               "tokenizer = keras.preprocessing.text.Tokenizer()\n"
               "tokenizer.fit_on_texts(train_texts)\nmodel.fit(x, y)\nmodel.save('m.h5')\n"
               "model = keras.models.load_model('m.h5')\n"
               "tokenizer = keras.preprocessing.text.Tokenizer()\n"
               "tokenizer.fit_on_texts(new_texts)\n"
               "seq = tokenizer.texts_to_sequences(new_texts)\n"
               "x_new = keras.preprocessing.sequence.pad_sequences(seq, maxlen=80)\n"
               "print(model.predict(x_new))\n",
               "a notebook's last cells: a new Keras vocabulary, through pad_sequences, into "
               "the reloaded model (data flow through a function of the features)"),
    ]
    valid = [
        Script("from tensorflow import keras\n"
               "tokenizer = keras.preprocessing.text.Tokenizer()\n"
               "tokenizer.fit_on_texts(train_texts)\n"
               "x = keras.preprocessing.sequence.pad_sequences("
               "tokenizer.texts_to_sequences(train_texts))\nmodel.fit(x, y)\n"
               "model.save('m.h5')\nmodel = keras.models.load_model('m.h5')\n"
               "seq = tokenizer.texts_to_sequences(new_texts)\n"
               "x_new = keras.preprocessing.sequence.pad_sequences(seq)\n"
               "print(model.predict(x_new))\n",
               "the tokenizer the model was trained with here, kept, feeds it reloaded"),
        Script("import pickle\nclf = pickle.load(open('model.pkl', 'rb'))\n"
               "vec = pickle.load(open('tfidf.pkl', 'rb'))\nprint(clf.predict(vec.transform([text])))\n",
               "the fitted vectorizer is loaded and only transforms"),
        Script("import joblib\nfrom sklearn.feature_extraction.text import TfidfVectorizer\n"
               "clf = joblib.load('model.joblib')\nvec = TfidfVectorizer()\n"
               "X = vec.fit_transform(texts)\nclf.fit(X, labels)\n",
               "fit() starts the loaded estimator over: a retrain with its own vectorizer"),
    ]

    def check(self, ctx: ScriptContext) -> Iterator[Finding]:
        yield from refits_for_loaded_model(ctx, "text-encoder", "encoder",
                                           "the features of another fit")
