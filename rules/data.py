"""FT8xx: what the data files contain (`--data`): imbalance, unseen classes, shifts, lengths.

These rules read `dataset` facts, which exist only when data checks are on; each finding
sits on the line that reads the file and points at the data file itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from ftlint.facts import Fact
from ftlint.findings import Finding
from ftlint.rule import Pair as P
from ftlint.rule import PairContext, PairRule, Profile

READ_CSV = "import pandas as pd\ndf = pd.read_csv({path!r})\ny = df['label']\n"
FIT = "model.fit(df[['x']], y{extra})\n"


def _csv(counts: dict[str, int], column: str = "label") -> str:
    rows = [f"{i % 7},{label}" for label, n in counts.items() for i in range(n)]
    return f"x,{column}\n" + "\n".join(rows) + "\n"


def _script(path: str, extra: str = "", head: str = "") -> str:
    return READ_CSV.format(path=path) + head + FIT.format(extra=extra)


# -- shared helpers (facts only) ------------------------------------------------------------
def datasets(profile: Profile) -> list[Fact]:
    """The training data a profile read successfully."""
    return [f for f in profile.of("dataset") if not f.value.problem]


def labelled(profile: Profile) -> Fact | None:
    """The one training dataset with class labels; None when there are none or several."""
    found = [f for f in datasets(profile) if f.value.labels]
    return found[0] if len(found) == 1 else None


def data_file(fact: Fact, side: str) -> list[tuple]:
    """A related location at the data file, saying how much of it was read."""
    span = fact.attr("file")
    if span is None:
        return []
    summary = fact.value
    read = f"{summary.rows:,} rows" + (f"; a sample: {summary.sampled}" if summary.sampled else "")
    return [(span, f"{side} data: {fact.attr('shown')} ({read})")]


def counts_text(counts: dict[str, int], limit: int = 4) -> str:
    total = sum(counts.values()) or 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) > limit:
        ranked = ranked[: limit // 2] + ranked[-(limit - limit // 2):]
        parts = [f"{k!r} {v:,} ({v / total:.1%})" for k, v in ranked]
        parts.insert(limit // 2, "...")
    else:
        parts = [f"{k!r} {v:,} ({v / total:.1%})" for k, v in ranked]
    return ", ".join(parts)


def sample_note(*facts: Fact) -> str:
    sampled = [f.value.sampled for f in facts if f.value.sampled]
    return f" (from a sample: {sampled[0]})" if sampled else ""


def new_head(profile: Profile) -> bool:
    """The script builds an output layer of its own (a head swap, a declared model or
    classification layer, num_labels): its classes need not be pretraining's."""
    return profile.has("new_head", "model", "output_size")


def reuses_head(ctx: PairContext) -> bool:
    """Fine-tuning continues the pretrained model with its output layer: it loads the model
    or its weights (or is the second phase of the same file) and builds no new head."""
    continued = ctx.pretrain.path == ctx.finetune.path or any(
        f.attr("what") in ("model", "weights") for f in ctx.finetune.of("load"))
    return continued and not new_head(ctx.finetune)


class DataNotRead(PairRule):
    code = "FT800"
    name = "data-not-read"
    severity = "info"
    summary = "A data file a script reads was not read by ftlint, and why"
    explanation = (
        "With --data ftlint reads the CSV/TSV, JSON Lines, .npy/.npz files and image folders "
        "the scripts name. Anything else (Parquet, pickles and joblib files, which are never "
        "opened, remote URLs, hub datasets), a file outside the project, a FIFO or device, "
        "or a file that does not parse is reported once here, and the other checks go on."
    )
    invalid = [P(READ_CSV.format(path="pretrain.csv"),
                 "import pandas as pd\ndf = pd.read_pickle('finetune.pkl')\n",
                 files={"pretrain.csv": _csv({"a": 5, "b": 5})})]
    valid = [P(_script("pretrain.csv"), _script("finetune.csv"),
               files={"pretrain.csv": _csv({"a": 5, "b": 5}),
                      "finetune.csv": _csv({"a": 5, "b": 5})})]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        for profile in (ctx.pretrain, ctx.finetune):
            for fact in profile.of("dataset"):
                if fact.value.problem:
                    related = [(fact.attr("file"), "the data file")] if fact.attr("file") else []
                    yield ctx.finding(fact, f"data '{fact.attr('shown')}' not read: "
                                      f"{fact.value.problem}", related)


class ImbalancedLabelsUnweighted(PairRule):
    code = "FT801"
    name = "imbalanced-labels-unweighted"
    severity = "warning"
    summary = "The fine-tuning labels are strongly imbalanced and nothing weights the classes"
    explanation = (
        "The class counts of the fine-tuning data (read with --data) are skewed: the majority "
        "class outnumbers the minority by imbalance-ratio or more (or, when minority-share is "
        "set, a class holds less than that share), and fine-tuning passes no class weights, "
        "weighted loss, sample weights or weighted sampler. The model then drifts to the "
        "majority class. Weight the classes (compute_class_weight, a weighted loss or sampler) "
        "or resample."
    )
    options = {"imbalance-ratio": 10.0, "minority-share": 0.0, "min-examples": 20}
    invalid = [P(_script("pretrain.csv"), _script("finetune.csv"),
                 "pretrain.csv: 50 ham, 50 spam; finetune.csv: 95 ham, 5 spam",
                 files={"pretrain.csv": _csv({"ham": 50, "spam": 50}),
                        "finetune.csv": _csv({"ham": 95, "spam": 5})})]
    valid = [
        P(_script("pretrain.csv"), _script("finetune.csv", ", class_weight={'ham': 1, 'spam': 19}"),
          "finetune.csv: 95 ham, 5 spam, and the classes are weighted",
          files={"pretrain.csv": _csv({"ham": 50, "spam": 50}),
                 "finetune.csv": _csv({"ham": 95, "spam": 5})}),
        P(_script("pretrain.csv"), _script("finetune.csv"), "finetune.csv: 70 ham, 30 spam",
          files={"pretrain.csv": _csv({"ham": 50, "spam": 50}),
                 "finetune.csv": _csv({"ham": 70, "spam": 30})}),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        data = labelled(ctx.finetune)
        if data is None or ctx.finetune.has("weighting", "sample_weights") or \
                ctx.finetune.calls_unread_code:
            return
        counts = data.value.labels
        total = sum(counts.values())
        if len(counts) < 2 or total < ctx.option("min-examples"):
            return
        most, least = max(counts.values()), min(counts.values())
        share_limit = ctx.option("minority-share")
        if most / least < ctx.option("imbalance-ratio") and not (
                share_limit and least / total < share_limit):
            return
        yield ctx.finding(data, f"fine-tuning labels are imbalanced {most / least:.1f}:1: "
                          f"{counts_text(counts)} of {total:,}{sample_note(data)}; fine-tuning "
                          "uses no class weighting, weighted loss or weighted sampler",
                          data_file(data, "fine-tuning"))


class UnseenLabelsReusedHead(PairRule):
    code = "FT802"
    name = "unseen-labels-reused-head"
    severity = "error"
    summary = "Fine-tuning labels the pretraining data never had, with the pretrained head kept"
    explanation = (
        "Some classes of the fine-tuning data never occur in the (completely read) "
        "pretraining data, and fine-tuning keeps the pretrained output layer: those classes "
        "have no output of their own, or share one trained for another class. Replace the "
        "head with one sized for the fine-tuning classes, or map the labels."
    )
    invalid = [P(_script("pretrain.csv", head="model.save('m.keras')\n"),
                 "import keras\nmodel = keras.models.load_model('m.keras')\n"
                 + _script("finetune.csv"), "pretraining labels cat, dog; fine-tuning cat, dog, fox",
                 files={"pretrain.csv": _csv({"cat": 10, "dog": 10}),
                        "finetune.csv": _csv({"cat": 10, "dog": 10, "fox": 10})})]
    valid = [P(_script("pretrain.csv"),
               "import keras\nbase = keras.models.load_model('m.keras')\n"
               "model = keras.Sequential([base, keras.layers.Dense(3, activation='softmax')])\n"
               + _script("finetune.csv"), "a new head for the new classes",
               files={"pretrain.csv": _csv({"cat": 10, "dog": 10}),
                      "finetune.csv": _csv({"cat": 10, "dog": 10, "fox": 10})})]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        before, after = labelled(ctx.pretrain), labelled(ctx.finetune)
        if before is None or after is None or before.value.sampled or not reuses_head(ctx):
            return
        old, new = before.value.labels, after.value.labels
        unseen = sorted(set(new) - set(old))
        if not unseen or not set(new) & set(old):
            return  # nothing new, or no class in common: another encoding, not new classes
        examples = sum(new[k] for k in unseen)
        shown = ", ".join(repr(k) for k in unseen[:5]) + (" ..." if len(unseen) > 5 else "")
        yield ctx.finding(after, f"fine-tuning labels {shown} ({examples:,} examples) never "
                          f"occur in the pretraining data ({len(old)} classes), and the "
                          "pretrained head is reused: the model has no output for them",
                          data_file(after, "fine-tuning") + data_file(before, "pretraining"))


class OutputSmallerThanClasses(PairRule):
    code = "FT803"
    name = "output-smaller-than-classes"
    severity = "error"
    summary = "The model's output layer has fewer units than the fine-tuning data has classes"
    explanation = (
        "The fine-tuning data holds more classes than the classification output declares "
        "(Dense(n), num_labels=n, Linear(_, n)); the labels beyond n cannot be predicted, "
        "and most losses fail or silently mislearn on them. One unit for two classes (a "
        "sigmoid output) is fine."
    )
    invalid = [P(_script("pretrain.csv"),
                 "import keras\nhead = keras.layers.Dense(2, activation='softmax')\n"
                 + _script("finetune.csv"), "finetune.csv has labels a, b, c",
                 files={"pretrain.csv": _csv({"a": 10, "b": 10}),
                        "finetune.csv": _csv({"a": 10, "b": 10, "c": 10})})]
    valid = [P(_script("pretrain.csv"),
               "import keras\nhead = keras.layers.Dense(3, activation='softmax')\n"
               + _script("finetune.csv"),
               files={"pretrain.csv": _csv({"a": 10, "b": 10}),
                      "finetune.csv": _csv({"a": 10, "b": 10, "c": 10})}),
             P(_script("pretrain.csv"),
               "import keras\nhead = keras.layers.Dense(1, activation='sigmoid')\n"
               + _script("finetune.csv"), "one sigmoid unit for two classes",
               files={"pretrain.csv": _csv({"a": 10, "b": 10}),
                      "finetune.csv": _csv({"a": 10, "b": 10})})]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        data = labelled(ctx.finetune)
        if data is None:
            return
        outputs = ctx.finetune.of("output_size")
        if not outputs and reuses_head(ctx):
            outputs = ctx.pretrain.of("output_size")
        newest = [o for o in outputs if o.attr("new_head")] or outputs
        sizes = {o.value for o in newest}
        if len(sizes) != 1:
            return
        units, classes = sizes.pop(), len(data.value.labels)
        if units >= classes or (units == 1 and classes == 2):
            return
        yield ctx.finding(data, f"the fine-tuning data has {classes} classes "
                          f"({counts_text(data.value.labels)}) but the model's output has "
                          f"{units}", [(newest[0], f"output layer: {newest[0].text}")]
                          + data_file(data, "fine-tuning"))


class LabelDistributionShift(PairRule):
    code = "FT804"
    name = "label-distribution-shift"
    severity = "warning"
    summary = "The class distribution of the fine-tuning data differs from pretraining's"
    explanation = (
        "Total variation distance (TVD) between the pretraining and fine-tuning label "
        "distributions: half the summed absolute differences of the class shares, from 0 "
        "(identical) to 1 (disjoint). 0.3 means 30% of the fine-tuning examples would have "
        "to change class to match the pretraining distribution. Reported as info from "
        "label-shift-info, as a warning from label-shift-warning; the model's prior over "
        "classes moves accordingly (recalibrate, reweight, or check the labelling). Not "
        "compared: a new head (a new task), or fine-tuning that weights its classes (the "
        "weights set the class prior the model learns)."
    )
    options = {"label-shift-info": 0.1, "label-shift-warning": 0.3}
    invalid = [P(_script("pretrain.csv"), _script("finetune.csv"),
                 "pretrain.csv: 40 a, 40 b; finetune.csv: 70 a, 10 b",
                 files={"pretrain.csv": _csv({"a": 40, "b": 40}),
                        "finetune.csv": _csv({"a": 70, "b": 10})})]
    valid = [P(_script("pretrain.csv"), _script("finetune.csv"),
               "pretrain.csv: 40 a, 40 b; finetune.csv: 42 a, 38 b",
               files={"pretrain.csv": _csv({"a": 40, "b": 40}),
                      "finetune.csv": _csv({"a": 42, "b": 38})})]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        before, after = labelled(ctx.pretrain), labelled(ctx.finetune)
        if before is None or after is None or new_head(ctx.finetune) or \
                ctx.finetune.has("weighting", "sample_weights"):
            return
        old, new = before.value.labels, after.value.labels
        if not set(old) & set(new):
            return
        from ftlint.data import stats

        distance = stats.total_variation(old, new)
        if distance < ctx.option("label-shift-info"):
            return
        finding = ctx.finding(after, f"label distribution shifted: total variation distance "
                              f"{distance:.2f} ({distance:.0%} of fine-tuning examples would "
                              f"change class to match pretraining); fine-tuning "
                              f"{counts_text(new)}; pretraining {counts_text(old)}"
                              f"{sample_note(before, after)}",
                              data_file(after, "fine-tuning") + data_file(before, "pretraining"))
        if distance < ctx.option("label-shift-warning"):
            finding.severity = "info"
        yield finding


def feature_shifts(ctx: PairContext) -> tuple[list[tuple[str, float, float]], Fact, Fact] | None:
    """Columns whose shift is large (SMD or PSI over the options), worst first."""
    before = [f for f in datasets(ctx.pretrain) if f.value.features]
    after = [f for f in datasets(ctx.finetune) if f.value.features]
    if len(before) != 1 or len(after) != 1:
        return None
    from ftlint.data import stats

    old, new = before[0].value.features, after[0].value.features
    large = []
    for name in sorted(old.keys() & new.keys()):
        a, b = stats.finite(old[name]), stats.finite(new[name])
        if len(a) < 10 or len(b) < 10:
            continue
        smd, psi = stats.standardized_mean_difference(a, b), stats.population_stability(a, b)
        if smd >= ctx.option("shift-smd") or psi >= ctx.option("shift-psi"):
            large.append((name, smd, psi))
    large.sort(key=lambda item: (-item[2], -item[1]))
    return large, before[0], after[0]


def shift_text(large: list[tuple[str, float, float]]) -> str:
    shown = ", ".join(f"{name!r} (SMD {smd:.2f}, PSI {psi:.2f})" for name, smd, psi in large[:3])
    return shown + (f" and {len(large) - 3} more" if len(large) > 3 else "")


def reuses_scaler(ctx: PairContext) -> bool:
    """Fine-tuning transforms with a scaler fitted on pretraining data: it loads a fitted
    one, or is the second phase of a file whose first phase fitted it, and fits none."""
    fits = [f for f in ctx.finetune.of("fit") if f.attr("role") == "scaler"]
    if fits:
        return False
    if ctx.finetune.has("tabular_pipeline"):
        return True
    return ctx.pretrain.path == ctx.finetune.path and any(
        f.attr("role") == "scaler" for f in ctx.pretrain.of("fit"))


SHIFT_OPTIONS = {"shift-smd": 0.5, "shift-psi": 0.25}
FEATURES = "import pandas as pd\ndf = pd.read_csv({path!r})\nX = df[['age', 'income']]\n{rest}"


def _features(shift: float) -> str:
    rows = [f"{30 + i % 20 + shift},{1000 + 37 * (i % 13) + 100 * shift}" for i in range(60)]
    return "age,income\n" + "\n".join(rows) + "\n"


class FeatureShift(PairRule):
    code = "FT805"
    name = "feature-shift"
    severity = "info"
    summary = "Numeric features both scripts read are distributed differently"
    explanation = (
        "For every numeric column both scripts take as features: the standardized mean "
        "difference (|mean difference| over the pooled standard deviation; 0.5 is a medium "
        "effect) and a population stability index over the pretraining deciles (sum of "
        "(q - p) ln(q / p); over 0.25 is commonly read as a large shift). Columns over "
        "shift-smd or shift-psi are named, worst first. Often intended (new data is why one "
        "fine-tunes), so info; FT806 warns when a scaler fitted on pretraining data is reused."
    )
    options = SHIFT_OPTIONS
    invalid = [P(FEATURES.format(path="pretrain.csv", rest="model.fit(X, y)\n"),
                 FEATURES.format(path="finetune.csv", rest="model.fit(X, y)\n"),
                 "finetune.csv: age and income 15 units higher",
                 files={"pretrain.csv": _features(0), "finetune.csv": _features(15)})]
    valid = [P(FEATURES.format(path="pretrain.csv", rest="model.fit(X, y)\n"),
               FEATURES.format(path="finetune.csv", rest="model.fit(X, y)\n"),
               files={"pretrain.csv": _features(0), "finetune.csv": _features(0.2)})]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        found = None if reuses_scaler(ctx) else feature_shifts(ctx)
        if not found or not found[0]:
            return
        large, before, after = found
        yield ctx.finding(after, f"fine-tuning features shifted from pretraining's: "
                          f"{shift_text(large)}{sample_note(before, after)}",
                          data_file(after, "fine-tuning") + data_file(before, "pretraining"))


class ShiftedDataReusedScaler(PairRule):
    code = "FT806"
    name = "shifted-data-reused-scaler"
    severity = "warning"
    summary = "A scaler fitted on pretraining data is reused on strongly shifted features"
    explanation = (
        "Fine-tuning transforms its features with the scaler fitted on pretraining data, and "
        "those features moved far (see FT805 for the measures): the scaled inputs no longer "
        "have the mean and spread the model was trained on. Keeping the scaler is right for "
        "the same population; for shifted data check that the shift is real, and consider "
        "adapting normalization."
    )
    options = SHIFT_OPTIONS
    invalid = [P(FEATURES.format(path="pretrain.csv", rest="scaler.fit(X)\n"),
                 "import joblib\nscaler = joblib.load('scaler.pkl')\n"
                 + FEATURES.format(path="finetune.csv", rest="X = scaler.transform(X)\n"),
                 files={"pretrain.csv": _features(0), "finetune.csv": _features(15)})]
    valid = [P(FEATURES.format(path="pretrain.csv", rest="scaler.fit(X)\n"),
               "import joblib\nscaler = joblib.load('scaler.pkl')\n"
               + FEATURES.format(path="finetune.csv", rest="X = scaler.transform(X)\n"),
               files={"pretrain.csv": _features(0), "finetune.csv": _features(0.2)})]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        found = feature_shifts(ctx) if reuses_scaler(ctx) else None
        if not found or not found[0]:
            return
        large, before, after = found
        scaler = (ctx.finetune.of("tabular_pipeline") or [None])[0]
        related = [(scaler, f"scaler reused here: {scaler.text}")] if scaler else []
        yield ctx.finding(after, f"fine-tuning reuses the scaler fitted on pretraining data, "
                          f"but its features shifted: {shift_text(large)}"
                          f"{sample_note(before, after)}",
                          related + data_file(after, "fine-tuning")
                          + data_file(before, "pretraining"))


def _texts(words: int, n: int = 30) -> str:
    return "text,label\n" + "\n".join(" ".join(["word"] * (words + i % 3)) + f",{i % 2}"
                                      for i in range(n)) + "\n"


TEXT_SCRIPT = ("import pandas as pd\nfrom keras.preprocessing.sequence import pad_sequences\n"
               "df = pd.read_csv({path!r})\n"
               "x = pad_sequences(tokenizer.texts_to_sequences(df['text']), maxlen={maxlen})\n")


class TextsTruncated(PairRule):
    code = "FT807"
    name = "more-texts-truncated"
    severity = "warning"
    summary = "Many more fine-tuning texts than pretraining texts exceed the maximum length"
    explanation = (
        "The share of fine-tuning texts longer than the configured max_length / maxlen / "
        "output_sequence_length, against the same share of pretraining texts under the "
        "pretraining setting. Lengths are counted in whitespace-separated words, an "
        "approximation: subword tokenizers make more tokens than words, so the true shares "
        "are higher. Reported when at least truncated-share of fine-tuning texts are cut "
        "and that is truncated-increase more than in pretraining: the model is fine-tuned on "
        "text whose ends it never sees."
    )
    options = {"truncated-share": 0.2, "truncated-increase": 0.1}
    invalid = [P(TEXT_SCRIPT.format(path="pretrain.csv", maxlen=20),
                 TEXT_SCRIPT.format(path="finetune.csv", maxlen=20),
                 "pretraining texts of 5-7 words, fine-tuning texts of 40-42",
                 files={"pretrain.csv": _texts(5), "finetune.csv": _texts(40)})]
    valid = [P(TEXT_SCRIPT.format(path="pretrain.csv", maxlen=20),
               TEXT_SCRIPT.format(path="finetune.csv", maxlen=64),
               files={"pretrain.csv": _texts(5), "finetune.csv": _texts(40)})]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        sides = []
        for profile in (ctx.pretrain, ctx.finetune):
            texts = [f for f in datasets(profile) if f.value.text_lengths is not None
                     and len(f.value.text_lengths)]
            limits = {f.value for f in profile.of("max_length") if isinstance(f.value, int)}
            if len(texts) != 1 or len(limits) != 1:
                return
            sides.append((texts[0], limits.pop()))
        from ftlint.data import stats

        (before, old_limit), (after, new_limit) = sides
        old_share = stats.share_over(before.value.text_lengths, old_limit)
        new_share = stats.share_over(after.value.text_lengths, new_limit)
        if new_share < ctx.option("truncated-share") or \
                new_share - old_share < ctx.option("truncated-increase"):
            return
        setting = next(f for f in ctx.finetune.of("max_length") if f.value == new_limit)
        yield ctx.finding(after, f"{new_share:.0%} of fine-tuning texts are longer than "
                          f"{setting.attr('setting', 'max_length')}={new_limit} and will be "
                          f"truncated; pretraining: {old_share:.0%} over {old_limit} "
                          f"(whitespace-separated words, an approximation: subword "
                          f"tokenizers make more tokens){sample_note(before, after)}",
                          [(setting, "length set here")] + data_file(after, "fine-tuning")
                          + data_file(before, "pretraining"))
