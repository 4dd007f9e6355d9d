"""FT9xx: files ftlint could not fully read. Always reported with exit code 2."""

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
