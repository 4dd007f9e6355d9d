"""FT3xx: the tabular pipeline (scalers, refitting, missing values, outliers)."""

from __future__ import annotations

from collections.abc import Iterator

from ftlint.findings import Finding
from ftlint.rule import Pair as P
from ftlint.rule import (
    PairContext,
    PairRule,
    Script,
    ScriptContext,
    ScriptRule,
    no_shared_value,
    one_side_only,
    refits_for_loaded_model,
    values_of,
)

TABULAR_PIPELINE = ("scaler", "imputation", "tabular_pipeline")


class ScalerChanged(PairRule):
    code = "FT301"
    name = "scaler-changed"
    severity = "error"
    summary = "Features are scaled another way (z-score vs min-max ...)"
    explanation = (
        "A model trained on z-scored features (mean 0, unit variance) and fine-tuned on "
        "min-max scaled ones (0..1) sees every feature shifted and squeezed. ftlint recognizes "
        "scikit-learn scalers and the same formulas written by hand."
    )
    invalid = [
        P("from sklearn.preprocessing import StandardScaler\nscaler = StandardScaler()\n",
          "from sklearn.preprocessing import MinMaxScaler\nscaler = MinMaxScaler()\n"),
        P("X = (X - X.mean(axis=0)) / X.std(axis=0)\n",
          "X = (X - X.min()) / (X.max() - X.min())\n", "written by hand"),
    ]
    valid = [
        P("from sklearn.preprocessing import StandardScaler\nscaler = StandardScaler()\n",
          "X = (X - X.mean()) / X.std()\n", "the same z-score by hand"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        yield from no_shared_value(
            ctx, values_of(ctx.pretrain, "scaler"), values_of(ctx.finetune, "scaler"),
            lambda new, old: f"fine-tuning scales features by {new}; pretraining used {old}",
            "pretraining scaler")


class ScalerRefitted(PairRule):
    code = "FT302"
    name = "scaler-refitted"
    severity = "warning"
    summary = "A scaler or imputer is fitted again on the fine-tuning data"
    explanation = (
        "Fitting the scaler again computes new means and ranges from the fine-tuning data, so "
        "the same raw value maps to another input than the model learned. Load the fitted "
        "pretraining scaler and call transform only."
    )
    invalid = [
        P("from sklearn.preprocessing import StandardScaler\nscaler = StandardScaler()\n"
          "X = scaler.fit_transform(X)\n",
          "from sklearn.preprocessing import StandardScaler\nscaler = StandardScaler()\n"
          "X_new = scaler.fit_transform(X_new)\n"),
        P("import pandas as pd\nfrom sklearn.model_selection import train_test_split\n"
          "from sklearn.preprocessing import StandardScaler\nX = pd.read_csv('pcos.csv')\n"
          "X_train, X_test = train_test_split(X, test_size=0.2)\n"
          "X_train = StandardScaler().fit_transform(X_train)\n",
          "import pandas as pd\nfrom sklearn.preprocessing import StandardScaler\n"
          "X = pd.read_csv('pcos.csv')\nX = StandardScaler().fit_transform(X)\n",
          "the same file, but pretraining fitted on its training split and this on every row"),
    ]
    valid = [
        P("from sklearn.preprocessing import StandardScaler\nimport joblib\n"
          "scaler = StandardScaler()\nX = scaler.fit_transform(X)\n"
          "joblib.dump(scaler, 'scaler.pkl')\n",
          "import joblib\nscaler = joblib.load('scaler.pkl')\nX_new = scaler.transform(X_new)\n"),
        P("from sklearn.preprocessing import StandardScaler\nparts = []\n"
          "for frame in buildings:\n    scaler = StandardScaler()\n"
          "    parts.append(scaler.fit_transform(frame))\n",
          "from sklearn.preprocessing import StandardScaler\nscaler = StandardScaler()\n"
          "X_new = scaler.fit_transform(target_building)\n",
          "pretraining scales each group of its data by that group's own statistics (a loop "
          "of fits): the fine-tuning data getting its own follows the same convention"),
        P("import pandas as pd\nfrom sklearn.preprocessing import StandardScaler\n"
          "X = pd.read_csv('sales.csv')\nX = StandardScaler().fit_transform(X)\n",
          "import pandas as pd\nfrom sklearn.preprocessing import StandardScaler\n"
          "X = pd.read_csv('sales.csv')\nX = StandardScaler().fit_transform(X)\n"
          "model.fit(X, y, epochs=10)\n",
          "training continued on the same file: the refit finds the same statistics"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        if not ctx.pretrain.has(*TABULAR_PIPELINE) or ctx.finetune.retrains_from_scratch():
            return  # new statistics for a model trained from scratch are its own
        scaling = [f for f in ctx.pretrain.of("fit") if f.attr("role") in ("scaler", "imputer")]
        if scaling and all(f.attr("per_iteration") for f in scaling):
            return  # one scaler per group in pretraining: per-group statistics by design
        sources = ctx.pretrain.data_sources()
        fits = [*scaling, *ctx.finetune.of("fit")]
        if sources and sources == ctx.finetune.data_sources() and not any(
                f.attr("on_subset") for f in fits):
            return  # fitted again on the very rows of pretraining: the same statistics
        for fact in ctx.finetune.of("fit"):
            # a loaded pipeline refitted as a whole refits the scalers inside it too
            if fact.attr("role") in ("scaler", "imputer", "pipeline"):
                old = ctx.pretrain.of("fit") or ctx.pretrain.of(*TABULAR_PIPELINE)
                yield ctx.finding(fact, f"{fact.text} learns new statistics from the "
                                  "fine-tuning data; the model was trained on the "
                                  "pretraining ones", [(old[0], "pretraining fits it here")])


class ImputationChanged(PairRule):
    code = "FT303"
    name = "imputation-changed"
    severity = "warning"
    summary = "Missing values are handled another way"
    explanation = (
        "Filling gaps with the mean, the median, a constant, the previous row, or dropping "
        "rows gives the model different inputs for the same record. Handle missing values "
        "the same way in both scripts."
    )
    invalid = [
        P("from sklearn.impute import SimpleImputer\nimp = SimpleImputer(strategy='median')\n",
          "from sklearn.impute import SimpleImputer\nimp = SimpleImputer()\n",
          "SimpleImputer's default strategy is the mean"),
        P("df = df.fillna(df.mean())\n", "df = df.fillna(0)\n"),
    ]
    valid = [
        P("df = df.fillna(df.median())\n", "data = data.fillna(data.median())\n"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        yield from no_shared_value(
            ctx, values_of(ctx.pretrain, "imputation"), values_of(ctx.finetune, "imputation"),
            lambda new, old: f"fine-tuning handles missing values by '{new}'; pretraining "
                             f"used '{old}'")


class ClippingMismatch(PairRule):
    code = "FT304"
    name = "outlier-clipping-mismatch"
    severity = "warning"
    summary = "Outliers are clipped in one script only"
    explanation = (
        "Clipping or winsorizing features bounds what the model sees. A model trained on "
        "clipped values meets unbounded ones at fine-tuning (or the reverse)."
    )
    invalid = [
        P("import numpy as np\nfrom sklearn.preprocessing import StandardScaler\n"
          "X = np.clip(X, -5, 5)\nscaler = StandardScaler()\n",
          "from sklearn.preprocessing import StandardScaler\nscaler = StandardScaler()\n"),
    ]
    valid = [
        P("import numpy as np\nfrom sklearn.preprocessing import StandardScaler\n"
          "X = np.clip(X, -5, 5)\nscaler = StandardScaler()\n",
          "from sklearn.preprocessing import StandardScaler\nscaler = StandardScaler()\n"
          "X = X.clip(-5, 5)\n"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        yield from one_side_only(ctx, "clipping", TABULAR_PIPELINE, "clips outliers")



class ScalerFittedForLoadedModel(ScriptRule):
    code = "FT305"
    name = "scaler-fitted-for-loaded-model"
    severity = "error"
    superseded_by = ("FT302",)  # with the pretraining script at hand, FT302 says which fit
    summary = "A scaler or imputer fitted here feeds a model loaded from disk"
    explanation = (
        "A model loaded from a file learned on features scaled with the statistics of its "
        "training data. A scaler fitted again here (on new rows, or on the rows to predict) "
        "shifts every feature the model reads. Save the fitted scaler with the model and "
        "load it; only call transform."
    )
    invalid = [
        Script("import joblib\nfrom sklearn.preprocessing import StandardScaler\n"
               "model = joblib.load('model.joblib')\nscaler = StandardScaler()\n"
               "X = scaler.fit_transform(new_rows)\nprint(model.predict(X))\n"),
        Script("from sklearn.preprocessing import MinMaxScaler\n"
               "scaler = MinMaxScaler().fit(frame)\nX = scaler.transform(frame)\n"
               "model = build_lstm(4, 4)\nmodel.load_weights('lstm_model.h5')\n"
               "model.fit(X, y, epochs=20)\n",
               "a network's fit continues its loaded weights on features of a new fit"),
    ]
    valid = [
        Script("import joblib\nmodel = joblib.load('model.joblib')\n"
               "scaler = joblib.load('scaler.joblib')\n"
               "print(model.predict(scaler.transform(rows)))\n",
               "the fitted scaler is loaded and only transforms"),
        Script("import joblib\nfrom sklearn.preprocessing import MinMaxScaler\n"
               "model = joblib.load('model.joblib')\nX = MinMaxScaler().fit_transform(rows)\n"
               "model.fit(X, y)\n",
               "scikit-learn's fit starts the loaded estimator over: a retrain with its scaler"),
        Script("import joblib\nfrom sklearn.preprocessing import StandardScaler\n"
               "model = joblib.load('model.joblib')\nscaler = StandardScaler()\n"
               "X = scaler.fit_transform(rows)\nplot(X)\n",
               "the refitted features never reach the loaded model"),
    ]

    def check(self, ctx: ScriptContext) -> Iterator[Finding]:
        yield from refits_for_loaded_model(ctx, "scaler", "scaler",
                                           "features scaled by another fit")
