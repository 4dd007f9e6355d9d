"""An editor's keystroke re-splits only the statements around the edit
(ftlint.source.editor_statements); what is analysed must be what a full split gives. A
seeded run of edits over corpus scripts compares the two after every edit: same facts at
the same places, same problems."""

from __future__ import annotations

import random
from pathlib import Path

from ftlint.program import Workspace
from ftlint.source import editor_statements, split_statements

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted((ROOT / "tests" / "corpus" / "cases").rglob("*.py"))[::8][:14]
EDITS = ["x", "(", ")", "\n", "# note\n", "    ", "'''", "lr = 0.5\n", "@decorator\n", "\\\n",
         "if flag:\n    y = 1\nelse:\n    y = 2\n", "def f(a):\n    return a\n"]


def _facts(workspace: Workspace, path: str) -> tuple:
    module = workspace.module(path)
    return ([(f.kind, repr(f.value), f.span, f.text) for f in module.facts],
            [(p.line, p.column, p.kind, p.message) for p in module.source.problems])


def _edit(text: str, rng: random.Random) -> str:
    if rng.random() < 0.3 and "\n" in text:  # delete or duplicate a line
        lines = text.split("\n")
        i = rng.randrange(len(lines))
        if rng.random() < 0.5:
            del lines[i]
        else:
            lines.insert(i, lines[i])
        return "\n".join(lines)
    at = rng.randrange(len(text) + 1)
    return text[:at] + rng.choice(EDITS) + text[at:]


def test_keystrokes_analyse_what_a_full_split_analyses():
    rng = random.Random(20261201)
    checked = 0
    for script in SCRIPTS:
        path = str(script)
        text = script.read_text()
        editor = Workspace(incremental=True)
        editor.set_text(path, text)
        _facts(editor, path)
        for _ in range(12):
            text = _edit(text, rng)
            editor.set_text(path, text)
            fresh = Workspace(incremental=True)  # the same path, with nothing to reuse
            fresh.set_text(path, text)
            assert _facts(editor, path) == _facts(fresh, path), (script.name, text)
            checked += 1
    assert checked == 12 * len(SCRIPTS) and len(SCRIPTS) >= 10


def test_a_keystroke_does_not_split_the_whole_text(monkeypatch):
    """The shortcut is taken: a one-line edit inside a statement tokenizes only around it."""
    import ftlint.source as source

    whole = []
    original = source.split_statements
    monkeypatch.setattr(source, "split_statements", lambda text: whole.append(1) or original(text))
    for script in SCRIPTS:
        text = script.read_text()
        cache: dict = {}
        editor_statements(text, cache)
        whole.clear()
        edited = text.replace("=", "= ", 1) if "=" in text else text + "x = 1\n"
        assert editor_statements(edited, cache) == original(edited), script.name
        assert whole == [], script.name


def test_an_edit_that_opens_a_bracket_splits_the_whole_text_again():
    text = "a = 1\nb = 2\nc = 3\n"
    cache: dict = {}
    editor_statements(text, cache)
    opened = "a = 1\nb = (2\nc = 3\n"  # the rest of the file is inside the bracket now
    assert editor_statements(opened, cache) == split_statements(opened)
    closed = "a = 1\nb = (2)\nc = 3\n"
    assert editor_statements(closed, cache) == split_statements(closed)
