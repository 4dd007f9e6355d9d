"""`# ftlint: ignore[...]` comments: which findings they silence, and which silence nothing.

A comment silences findings on its own line: every code (bare `ignore`), or the codes and
family prefixes it lists. One that silences nothing is reported (FT950) so that a team
that adopted ftlint with `--add-ignore` sees a suppression outlive its finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ftlint.facts import Span
from ftlint.findings import Edit, Finding, Fix

SUPPRESSION = re.compile(r"#\s*ftlint:\s*ignore(?:\[([A-Za-z0-9_,\s]+)\])?")
UNUSED = "FT950"


def listed(match: re.Match) -> list[str] | None:
    """The codes of a comment, upper-cased; None for a bare ignore (every code)."""
    if match.group(1) is None:
        return None
    return [c.strip().upper() for c in match.group(1).split(",") if c.strip()]


def silences(match: re.Match, code: str) -> bool:
    codes = listed(match)
    return codes is None or any(code.startswith(c) for c in codes)


@dataclass(slots=True)
class Ledger:
    """What each comment silenced in this run, by (path, line)."""

    used: dict[tuple[str, int], set[str]] = field(default_factory=dict)

    def record(self, finding: Finding) -> None:
        self.used.setdefault((finding.span.path, finding.span.line), set()).add(finding.code)

    def unused(self, path: str, lines: list[str], can_judge: Callable[[str], bool],
               ) -> Iterable[tuple[Span, str, Fix | None]]:
        """Comments, or listed codes, that silenced nothing. can_judge(code): did this run
        give that code a chance to be reported in this file (selected, and a pair rule
        only where the file was linted with its partner)?"""
        for number, text in enumerate(lines, 1):
            match = SUPPRESSION.search(text)
            if match is None:
                continue
            used = self.used.get((path, number), set())
            codes = listed(match)
            if codes is None:
                if not used and can_judge(""):
                    span = Span(path, number, match.start() + 1, number, match.end() + 1)
                    yield span, "`# ftlint: ignore` silences nothing on this line", _drop(
                        span, text, match)
                continue
            stale = [c for c in codes if can_judge(c) and not any(u.startswith(c) for u in used)]
            if not stale:
                continue
            span = Span(path, number, match.start() + 1, number, match.end() + 1)
            kept = [c for c in codes if c not in stale]
            fix = (Fix(f"Remove {', '.join(stale)} from the comment",
                       (Edit(Span(path, number, match.start(1) + 1, number, match.end(1) + 1),
                             ",".join(kept)),))
                   if kept else _drop(span, text, match))
            yield span, f"`# ftlint: ignore[{', '.join(stale)}]` silences nothing on this line", fix


def _drop(span: Span, text: str, match: re.Match) -> Fix:
    """Remove the whole comment, with the spaces before it."""
    start = len(text[: match.start()].rstrip()) + 1
    whole = Span(span.path, span.line, start, span.line, match.end() + 1)
    return Fix("Remove the unused suppression comment", (Edit(whole, ""),))
