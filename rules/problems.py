"""FT9xx: what ftlint could not fully read or check. Reported with exit code 2 (FT905, a
file analysed only in part for lack of time, is information only)."""

from __future__ import annotations

from collections.abc import Iterator

from ftlint.findings import Finding
from ftlint.rule import Script, ScriptContext, ScriptRule


class SyntaxErrorFound(ScriptRule):
    code = "FT901"
    name = "syntax-error"
    severity = "error"
    summary = "The file has a syntax error; the statements around it are still checked"
    explanation = (
        "ftlint parses a file statement by statement when it does not parse as a whole, so "
        "one broken statement costs only itself: the rest of the file is still analysed. "
        "The broken statement's facts are unknown until it is fixed."
    )
    invalid = [Script("lr = 0.01\nmodel.compile(optimizer=opt, ...)\n")]
    valid = [Script("lr = 0.01\nmodel.compile(optimizer=opt)\n")]

    def check(self, ctx: ScriptContext) -> Iterator[Finding]:
        for fact in ctx.script.of("problem"):
            if fact.value == "syntax":
                yield ctx.finding(fact, fact.attr("message"))


class UnreadableFile(ScriptRule):
    code = "FT902"
    name = "unreadable-file"
    severity = "error"
    summary = "The file cannot be read as Python source (missing, binary, not UTF-8, empty)"
    explanation = (
        "ftlint reads files as UTF-8 (or the encoding their coding cookie names) and never "
        "runs them. A file that is missing, a directory, binary, in another encoding or empty "
        "is reported in one line, and the other files are still checked."
    )
    invalid = []
    valid = [Script("x = 1\n")]

    def check(self, ctx: ScriptContext) -> Iterator[Finding]:
        for fact in ctx.script.of("problem"):
            if fact.value == "unreadable":
                yield ctx.finding(fact, fact.attr("message"))


class _ProblemRule(ScriptRule):
    """Reports the problems of one kind that reading or analysing a file ran into."""

    kind = ""

    def check(self, ctx: ScriptContext) -> Iterator[Finding]:
        for fact in ctx.script.of("problem"):
            if fact.value == self.kind:
                yield ctx.finding(fact, fact.attr("message"))


class FileTooLarge(_ProblemRule):
    code = "FT903"
    name = "file-too-large"
    severity = "error"
    summary = "The file is over the size limit (setting max-file-size) and is not analysed"
    explanation = (
        "ftlint reads at most `max-file-size` bytes of a Python file (1 MiB by default; a "
        "notebook's JSON may be 32 times that, its code cells no more than the limit), so a "
        "generated file, a data dump with a .py name or a symlink to an endless device "
        "costs one line instead of minutes and gigabytes. The other files are still checked."
    )
    kind = "large"
    invalid = []
    valid = [Script("x = 1\n")]


class BeyondParserLimits(_ProblemRule):
    code = "FT904"
    name = "beyond-parser-limits"
    severity = "error"
    summary = "A statement is nested too deeply (or otherwise beyond ftlint's parser) and is skipped"
    explanation = (
        "ftlint's parser (libcst) and its tree walks recurse once per level of nesting. A "
        "statement nested more than 200 levels deep (a 400-term `+` chain, a 10,000-piece "
        "implicit concatenation, 150 nested calls or lists) would crash them, so each "
        "statement is measured first with Python's own parser and skipped when it is too "
        "deep, or when Python accepts it but libcst cannot read it. The rest of the file "
        "is still checked."
    )
    kind = "limit"
    invalid = [Script("x = " + "-" * 250 + "1\nlr = 0.1\n")]
    valid = [Script("x = " + "-" * 20 + "1\nlr = 0.1\n")]


class AnalysisBudgetExceeded(_ProblemRule):
    code = "FT905"
    name = "analysis-budget-exceeded"
    severity = "info"
    summary = "Analysing the file took longer than its time budget; its facts are unknown"
    explanation = (
        "Each file (with the project files it imports) gets `analysis-time-budget` seconds "
        "of analysis, 10 by default. A file that takes longer is reported here and "
        "contributes no facts, so no rule warns about what was not read."
    )
    kind = "budget"
    invalid = []
    valid = [Script("x = 1\n")]


class RuleFailed(ScriptRule):
    code = "FT906"
    name = "rule-failed"
    severity = "error"
    summary = "A rule raised an exception or made a malformed finding; the other rules still ran"
    explanation = (
        "A rule (often one of your own `rule-folders`) that raises, exits or yields something "
        "that is not a well-formed finding is stopped for that file and reported here with "
        "its code and the error; the run exits with code 2 so that CI sees it."
    )
    invalid = []
    valid = [Script("x = 1\n")]

    def check(self, ctx: ScriptContext) -> Iterator[Finding]:
        return iter(())  # the engine reports these findings: it runs the rules


class AnalysisFailed(_ProblemRule):
    code = "FT907"
    name = "analysis-failed"
    severity = "error"
    summary = "ftlint itself failed on the file; the other files are still checked"
    explanation = (
        "An unexpected error inside ftlint while reading the file's facts. The file is "
        "reported in one line with the error, the run goes on, and the exit code is 2. "
        "Please report it with the file, or a smaller one that fails alike."
    )
    kind = "crash"
    invalid = []
    valid = [Script("x = 1\n")]


class UnusedSuppression(ScriptRule):
    code = "FT950"
    name = "unused-suppression"
    severity = "info"
    fixable = "safe"
    summary = "A `# ftlint: ignore` comment silences nothing"
    explanation = (
        "A suppression outlives the finding it was written for once the code is fixed, and "
        "then hides the next real finding on that line. ftlint reports a comment, or a code "
        "in it, that silenced nothing in this run; the fix removes it. A pair rule's code is "
        "judged only where the file was linted with its partner (or its phases), and a code "
        "that is not selected is not judged. The engine makes these findings, after every "
        "other rule has run; this class carries the rule's metadata and examples."
    )
    invalid = [Script("lr = 0.01  # ftlint: ignore[FT501]\n",
                      "fixed: the comment is removed"),
               Script("from sklearn.utils import class_weight\n"
                      "w = class_weight.compute_sample_weight('balanced', y)\n"
                      "model.fit(x, y, class_weight=w)  # ftlint: ignore[FT501,FT502]\n",
                      "fixed: FT502 is removed, FT501 kept")]
    valid = [Script("from sklearn.utils import class_weight\n"
                    "w = class_weight.compute_sample_weight('balanced', y)\n"
                    "model.fit(x, y, class_weight=w)  # ftlint: ignore[FT501]\n"),
             Script("import torch\nopt = torch.optim.Adam(m.parameters(), lr=1e-2)  "
                    "# ftlint: ignore[FT401]\n",
                    "a pair rule's code in a script linted alone: not judged")]

    def check(self, ctx: ScriptContext) -> Iterator[Finding]:
        return iter(())  # made by the engine (ftlint.suppressions)
