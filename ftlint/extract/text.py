"""Text pipelines: tokenizers, casing, stop words, stemming, filters, vectorizers, lengths."""

from __future__ import annotations

import re

import libcst as cst

from ftlint.extract import knowledge
from ftlint.extract.core import Interpreter
from ftlint.extract.flow import built_from, nodes_under
from ftlint.extract.index import CallSite, Site, dotted
from ftlint.extract.registry import (
    on_attribute_read,
    on_attribute_write,
    on_call,
    on_instance_call,
    on_method,
)
from ftlint.extract.spans import argument_span, new_keyword
from ftlint.extract.templates import located
from ftlint.facts import Span, unknown

# Steps that only count as text preprocessing where a text pipeline is in sight (the same
# function, or module-level code of a file with one): `.lower()` on a file extension is not.
CONTEXTUAL = "contextual"


NLTK_TOKENIZERS = ("nltk.word_tokenize", "nltk.wordpunct_tokenize", "nltk.casual_tokenize",
                   "nltk.TreebankWordTokenizer", "nltk.TweetTokenizer", "nltk.RegexpTokenizer",
                   "nltk.WhitespaceTokenizer", "nltk.ToktokTokenizer")


@on_call(*NLTK_TOKENIZERS)
def nltk_tokenizer(ctx: Interpreter, call: CallSite) -> None:
    name = ctx.resolve(call.name).rsplit(".", 1)[-1]
    identity = {"WhitespaceTokenizer": "whitespace"}.get(name, f"nltk.{name}")
    if name == "RegexpTokenizer":
        pattern = ctx.arg_value(call, "pattern", 0)
        identity = f"regex:{pattern.value}" if pattern.known else "regex:?"
    ctx.emit("tokenizer", identity, call)


@on_method("split")
def whitespace_split(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if receiver_class or ctx.is_import(call.receiver) or call.name.startswith("os.path"):
        return
    sep = ctx.arg(call, "sep", 0)
    if sep is not None:
        value = ctx.value(sep, call)
        if not (value.known and value.value in (None, " ")):
            return
    if ctx.arg(call, "maxsplit", 1) is not None:
        return
    ctx.emit("tokenizer", "whitespace", call, context=CONTEXTUAL)


@on_call("re.findall", "re.split", "regex.findall")
def regex_tokenizer(ctx: Interpreter, call: CallSite) -> None:
    pattern = ctx.arg_value(call, "pattern", 0)
    if pattern.known and isinstance(pattern.value, str):
        ctx.emit("tokenizer", f"regex:{pattern.value}", call, context=CONTEXTUAL)


def _compiled_pattern(ctx: Interpreter, call: CallSite) -> str | None:
    """The pattern of `PATTERN.findall(...)` where PATTERN = re.compile(...)."""
    for assignment in reversed(ctx.index.assignments.get(call.receiver, ())):
        value = assignment.value
        if isinstance(value, cst.Call) and ctx.resolve(dotted(value.func)) in ("re.compile",
                                                                              "regex.compile"):
            probe = CallSite(value, call.span, assignment.unit, assignment.stmt, "", "", "")
            pattern = ctx.arg_value(probe, "pattern", 0)
            return pattern.value if pattern.known else "?"
        return None
    return None


@on_method("findall", "split", "sub", "finditer")
def compiled_regex(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if receiver_class not in ("re.compile", "regex.compile"):
        return
    pattern = _compiled_pattern(ctx, call)
    if pattern is None:
        return
    if call.method == "sub":
        ctx.emit("char_filter", f"regex:{pattern}", call, context=CONTEXTUAL)
    else:
        ctx.emit("tokenizer", f"regex:{pattern}", call, context=CONTEXTUAL)


@on_call("spacy.load", "spacy.blank")
def spacy_pipeline(ctx: Interpreter, call: CallSite) -> None:
    name = ctx.arg_value(call, "name", 0)
    ctx.emit("tokenizer", f"spacy:{name.value}" if name.known else "spacy", call)


# Names that hold settings, not text: `task.lower()` picks a dataset, it does not prepare input.
NOT_TEXT = re.compile(r"(^|_)(task|name|mode|split|ext|suffix|path|file|dir|key|col|column|"
                      r"model|arch|type|dataset|lang|language|device|metric|optim|optimizer|"
                      r"sched|scheduler|act|activation|fmt|format|method|strategy|kind|level|"
                      r"backend|dtype|precision|label_name|header|url|host|env|stage|phase)s?$",
                      re.I)


def _names_text(call: CallSite) -> bool:
    """Whether a `.lower()` call may be lowercasing model input."""
    receiver = call.receiver.rsplit(".", 1)[-1]
    target = call.target.rsplit(".", 1)[-1] if call.target else ""
    return not any(NOT_TEXT.search(name) for name in (receiver, target) if name)


@on_method("lower", "casefold")
def lowercase(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if not call.node.args and not ctx.is_import(call.receiver) and _names_text(call):
        ctx.emit("lowercase", True, call, context=CONTEXTUAL)


@on_method("isalnum", "isalpha")
def char_predicate(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if not call.node.args:
        ctx.emit("char_filter", call.method, call, context=CONTEXTUAL)


@on_call("re.sub", "regex.sub")
def regex_substitution(ctx: Interpreter, call: CallSite) -> None:
    pattern = ctx.arg_value(call, "pattern", 0)
    shown = pattern.value if pattern.known else "?"
    ctx.emit("char_filter", f"regex:{shown}", call, context=CONTEXTUAL)


@on_attribute_read("punctuation")
def punctuation_table(ctx: Interpreter, site: Site, receiver: str) -> None:
    if ctx.resolve(f"{receiver}.punctuation" if receiver else "punctuation") == "string.punctuation":
        ctx.emit("char_filter", "punctuation", site, context=CONTEXTUAL)


@on_call("nltk.corpus.stopwords.words")
def nltk_stopwords(ctx: Interpreter, call: CallSite) -> None:
    ctx.emit("stopwords", "nltk", call)


@on_attribute_read("STOP_WORDS", "ENGLISH_STOP_WORDS", "is_stop")
def stopword_reads(ctx: Interpreter, site: Site, receiver: str) -> None:
    ctx.emit("stopwords", "list", site)


@on_call("nltk.stem.PorterStemmer", "nltk.PorterStemmer", "nltk.stem.SnowballStemmer",
         "nltk.SnowballStemmer", "nltk.stem.LancasterStemmer", "nltk.LancasterStemmer",
         "nltk.stem.WordNetLemmatizer", "nltk.WordNetLemmatizer")
def nltk_stemmer(ctx: Interpreter, call: CallSite) -> None:
    name = ctx.resolve(call.name).rsplit(".", 1)[-1]
    kind = "lemma" if "Lemmatizer" in name else "stem"
    ctx.emit("stemming", f"{kind}:{name.replace('Stemmer', '').replace('Lemmatizer', '').lower()}",
             call)


@on_attribute_read("lemma_")
def spacy_lemma(ctx: Interpreter, site: Site, receiver: str) -> None:
    ctx.emit("stemming", "lemma:spacy", site)


# -- scikit-learn vectorizers ----------------------------------------------------------
# Defaults of sklearn.feature_extraction.text (scikit-learn 1.5 API reference).
VECTORIZER_DEFAULTS = {
    "lowercase": True, "ngram_range": (1, 1), "max_features": None, "min_df": 1,
    "max_df": 1.0, "analyzer": "word", "binary": False, "stop_words": None,
}
TFIDF_DEFAULTS = {"use_idf": True, "sublinear_tf": False, "norm": "l2", "smooth_idf": True}
VECTORIZERS = {
    "sklearn.feature_extraction.text.TfidfVectorizer": "TfidfVectorizer",
    "sklearn.feature_extraction.text.CountVectorizer": "CountVectorizer",
    "sklearn.feature_extraction.text.HashingVectorizer": "HashingVectorizer",
}


@on_call(*VECTORIZERS)
def sklearn_vectorizer(ctx: Interpreter, call: CallSite) -> None:
    cls = VECTORIZERS[ctx.resolve(call.name)]
    defaults = dict(VECTORIZER_DEFAULTS)
    if cls == "TfidfVectorizer":
        defaults.update(TFIDF_DEFAULTS)
    if cls == "HashingVectorizer":
        for key in ("max_features", "min_df", "max_df"):
            defaults.pop(key)
    settings = {key: ctx.arg_value(call, key, default=value, has_default=True)
                for key, value in defaults.items()}
    ctx.emit("vectorizer", cls, call, settings=settings)
    for keyword in ("preprocessor", "tokenizer", "analyzer"):
        function = ctx.arg(call, keyword)
        if function is None:
            continue
        if dotted(function) in ctx.index.units:
            ctx.emit("text_function", dotted(function), call)
        elif ctx.resolve(dotted(function)) in NLTK_TOKENIZERS:  # tokenizer=nltk.word_tokenize
            ctx.emit("tokenizer", "nltk." + dotted(function).rsplit(".", 1)[-1], call)
    custom_preprocessor = ctx.arg(call, "preprocessor") is not None
    if settings["lowercase"].known and settings["lowercase"].value and not custom_preprocessor:
        ctx.emit("lowercase", True, call, via="vectorizer")
    stop = settings["stop_words"]
    if stop.known and stop.value:
        ctx.emit("stopwords", "vectorizer", call, via="vectorizer")


# -- Keras text layers and tokenizers ---------------------------------------------------
# keras.preprocessing.text.Tokenizer: lower=True, filters=punctuation (tf.keras 2.x docs).
@on_call("keras.preprocessing.text.Tokenizer")
def keras_tokenizer(ctx: Interpreter, call: CallSite) -> None:
    char_level = ctx.arg_value(call, "char_level", default=False, has_default=True)
    ctx.emit("tokenizer", "keras.Tokenizer(char)" if char_level.value else "keras.Tokenizer", call)
    lower = ctx.arg_value(call, "lower", 2, default=True, has_default=True)
    if lower.known and lower.value:
        ctx.emit("lowercase", True, call, via="tokenizer")
    filters = ctx.arg_value(call, "filters", 1, default="punctuation", has_default=True)
    if filters.known and filters.value:
        ctx.emit("char_filter", "tokenizer-filters", call, via="tokenizer")


# keras.layers.TextVectorization: standardize="lower_and_strip_punctuation",
# split="whitespace" (Keras 3.x docs).
@on_call("keras.layers.TextVectorization")
def text_vectorization(ctx: Interpreter, call: CallSite) -> None:
    split = ctx.arg_value(call, "split", 2, default="whitespace", has_default=True)
    ctx.emit("tokenizer", f"keras.TextVectorization({split.value})" if split.known
             else "keras.TextVectorization", call)
    standardize = ctx.arg_value(call, "standardize", 1,
                                default="lower_and_strip_punctuation", has_default=True)
    if standardize.known and standardize.value in ("lower_and_strip_punctuation", "lower"):
        ctx.emit("lowercase", True, call, via="tokenizer")
    if standardize.known and standardize.value in ("lower_and_strip_punctuation",
                                                   "strip_punctuation"):
        ctx.emit("char_filter", "strip_punctuation", call, via="tokenizer")
    length = ctx.arg_value(call, "output_sequence_length")
    if length.known and isinstance(length.value, int):
        ctx.emit("max_length", length.value, call, setting="output_sequence_length")


# keras pad_sequences: padding="pre", truncating="pre" (tf.keras 2.x / Keras 3.x docs).
@on_call("keras.preprocessing.sequence.pad_sequences")
def pad_sequences(ctx: Interpreter, call: CallSite) -> None:
    maxlen = ctx.arg_value(call, "maxlen", 1)
    if maxlen.known and isinstance(maxlen.value, int):
        ctx.emit("max_length", maxlen.value, call, setting="maxlen")
    for kind, keyword, position in (("padding_side", "padding", 3),
                                    ("truncation_side", "truncating", 4)):
        side = ctx.arg_value(call, keyword, position, default="pre", has_default=True)
        if side.known:
            node = ctx.arg(call, keyword, position)
            ctx.emit(kind, side.value, call, edit_at=_side_edit(call, node, keyword))


def _side_edit(call: CallSite, node, keyword: str) -> tuple[Span, str] | None:
    """Where a fix writes another side: over the literal given, or as a new keyword
    (text with a {value} slot, in the file's quotes); None when the value is a name or
    comes from elsewhere."""
    if node is None:
        quote = "'" if "'" in cst.Module([]).code_for_node(call.node) else '"'
        return new_keyword(call, keyword, f"{quote}{{value}}{quote}")
    if isinstance(node, cst.SimpleString):
        return argument_span(call, node), f"{node.quote}{{value}}{node.quote}"
    return None


@on_call("keras.preprocessing.text.tokenizer_from_json")
def keras_tokenizer_loaded(ctx: Interpreter, call: CallSite) -> None:
    ctx.emit("text_pipeline", "loaded", call, target=call.target)


@on_method("fit_on_texts", "adapt", "train_new_from_iterator")
def text_encoder_fit(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if call.method == "adapt" and "TextVectorization" not in receiver_class:
        return
    ctx.emit("fit", call.method, call, role="text-encoder", target=call.receiver,
             via="tokenizer")


# -- Hugging Face tokenizers --------------------------------------------------------------
def is_hf_tokenizer(cls: str) -> bool:
    return cls.startswith("transformers.") and "Tokenizer" in cls


def checkpoint_traits(name: str) -> dict[str, str]:
    """Model family and casing read off a hub checkpoint name ('bert-base-uncased')."""
    tail = name.rstrip("/").split("/")[-1].lower()
    family = tail.split("-")[0].split("_")[0]
    # a folder name ('mlm-legal/final') tells no family
    traits = {"family": family} if family in knowledge.HUB_FAMILIES else {}
    if "uncased" in tail:
        traits["casing"] = "uncased"
    elif "cased" in tail:
        traits["casing"] = "cased"
    return traits


LOCAL_FOLDERS = {"output", "outputs", "out", "checkpoint", "checkpoints", "ckpt", "ckpts",
                 "model", "models", "saved", "saved_models", "runs", "results", "experiments",
                 "exp", "artifacts", "pretrained", "weights", "logs", "tmp", "data", "work_dirs"}


def looks_local(path: str) -> bool:
    """A from_pretrained argument that names a directory rather than a hub checkpoint
    (hub ids are 'name' or 'org/name'; 'outputs/run1' is a folder)."""
    first = path.split("/", 1)[0].lower()
    return (path.startswith(("/", "./", "../", "~")) or path.count("/") >= 2 or "\\" in path
            or ("/" in path and first in LOCAL_FOLDERS))


@on_method("from_pretrained")
def hf_from_pretrained(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    cls = ctx.resolve(call.receiver)
    if not cls.startswith("transformers."):
        return
    checkpoint = ctx.arg_value(call, "pretrained_model_name_or_path", 0)
    if checkpoint.known and not isinstance(checkpoint.value, str):
        checkpoint = unknown("the checkpoint is chosen at run time")  # e.g. default=None
    local = checkpoint.known and looks_local(checkpoint.value)
    traits = checkpoint_traits(checkpoint.value) if checkpoint.known and not local else {}
    tail = cls.rsplit(".", 1)[-1]
    if "Tokenizer" in tail:
        what = "tokenizer"
    elif "Model" in tail or "For" in tail:
        what = "model"  # AutoModel*, BertForSequenceClassification, T5ForConditionalGeneration
    else:
        what = "other"  # a config, feature extractor, image or audio processor
    ctx.emit("load", checkpoint, call, what=what, local=local, traits=traits,
             **located(ctx, call, "pretrained_model_name_or_path", 0))
    if what != "tokenizer":
        return
    lower = ctx.arg_value(call, "do_lower_case")
    ctx.emit("tokenizer", "hf", call, checkpoint=checkpoint, local=local, traits=traits,
             lowercase=lower.value if lower.known else None)
    for kind in ("padding_side", "truncation_side"):
        side = ctx.arg_value(call, kind)
        if side.known:
            ctx.emit(kind, {"left": "pre", "right": "post"}.get(side.value, side.value), call)
        elif traits.get("family") in knowledge.RIGHT_SIDED_TOKENIZERS:
            ctx.emit(kind, "post", call, default=True)
    length = ctx.arg_value(call, "model_max_length")
    if length.known and isinstance(length.value, int):
        ctx.emit("max_length", length.value, call, setting="model_max_length")


@on_instance_call("transformers.", prefix=True)
def hf_tokenizer_call(ctx: Interpreter, call: CallSite, cls: str) -> None:
    if not is_hf_tokenizer(cls):
        return
    _lowercased_input(ctx, call, call.name)
    length = ctx.arg_value(call, "max_length")
    if length.known and isinstance(length.value, int):
        ctx.emit("max_length", length.value, call, setting="max_length")
    padding = ctx.arg_value(call, "padding")
    if padding.known and padding.value in (True, "longest"):
        ctx.emit("dynamic_padding", True, call)


@on_call("transformers.DataCollatorWithPadding")
def dynamic_collator(ctx: Interpreter, call: CallSite) -> None:
    ctx.emit("dynamic_padding", True, call)


@on_method("encode", "encode_plus", "batch_encode_plus", "tokenize")
def hf_tokenizer_method(ctx: Interpreter, call: CallSite, receiver_class: str) -> None:
    if is_hf_tokenizer(receiver_class):
        _lowercased_input(ctx, call, call.receiver)


def _lowercased_input(ctx: Interpreter, call: CallSite, tokenizer: str) -> None:
    """The text a tokenizer reads was lowercased on the way (`texts = [t.lower() for t in
    raw]`, then `tokenizer(texts)`): said with the checkpoint the tokenizer comes from, so
    a cased checkpoint fed lowercased text is visible in one script."""
    checkpoint = _checkpoint_of(ctx, call, tokenizer)
    if checkpoint is None:
        return
    node = ctx.arg(call, "text", 0)
    if node is None:
        return
    lowers = {id(c.node): c for c in ctx.index.calls
              if c.method in ("lower", "casefold") and not c.node.args and c.unit == call.unit}
    if not lowers:
        return
    for _, value in built_from(ctx.index, call, node):
        found = next((lowers[id(n)] for n in nodes_under(value) if id(n) in lowers), None) \
            if value is not None else None
        if found is not None and _names_text(found):
            ctx.emit("lowercased_input", checkpoint, call, traits=checkpoint_traits(checkpoint),
                     lowered_at=found.span)
            return


def _checkpoint_of(ctx: Interpreter, call: CallSite, tokenizer: str) -> str | None:
    """The hub checkpoint the tokenizer variable was loaded from, where it is known."""
    assigned = [a for a in ctx.index.assignments.get(tokenizer, ())
                if a.unit == call.unit and a.line <= call.span.line and a.value is not None]
    if not assigned or not isinstance(assigned[-1].value, cst.Call) or \
            not dotted(assigned[-1].value.func).endswith(".from_pretrained"):
        return None
    value = assigned[-1].value
    first = next((a.value for a in value.args if a.keyword is None), None)
    if first is None:
        return None
    found = ctx.evaluator.evaluate(first, assigned[-1].unit, assigned[-1].line)
    return found.value if found.known and isinstance(found.value, str) and \
        not looks_local(found.value) else None


@on_attribute_write("padding_side", "truncation_side")
def tokenizer_side(ctx: Interpreter, write) -> None:
    value = ctx.value(write.value, write.site)
    if value.known and value.value in ("left", "right"):
        side = "pre" if value.value == "left" else "post"
        ctx.emit(write.attr, side, write.site)

