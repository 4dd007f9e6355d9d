"""Code actions (quick fixes, suppress on this line) and hover, as an editor asks for them."""

from __future__ import annotations

import pytest
from lsp_session import codes, open_until, replace_document, start, until
from lsprotocol import types

from ftlint.facts import Span
from ftlint.findings import Finding
from ftlint.lsp.actions import suppress_edit

IMBALANCED = ("import numpy as np\nfrom sklearn.utils import class_weight\n"
              "weights = class_weight.compute_sample_weight('balanced', y_train)\n"
              "model.fit(x_train, y_train, class_weight=weights)\n")


async def actions_at(client, uri: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic])))


def apply(text: str, edits: list[types.TextEdit]) -> str:
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character),
                       reverse=True):
        start = offsets[edit.range.start.line] + edit.range.start.character
        end = offsets[edit.range.end.line] + edit.range.end.character
        text = text[:start] + edit.new_text + text[end:]
    return text


def one(diagnostics, code: str) -> types.Diagnostic:
    (found,) = [d for d in diagnostics if d.code == code]
    return found


@pytest.mark.asyncio
async def test_normalization_quick_fix_copies_the_pretraining_statistics(client, pair):
    await start(client, pair)
    uri = await open_until(client, pair / "finetune.py", "FT202")
    actions = await actions_at(client, uri, one(client.diagnostics[uri], "FT202"))
    (fix,) = [a for a in actions if a.is_preferred]
    assert fix.kind == types.CodeActionKind.QuickFix
    fixed = apply((pair / "finetune.py").read_text(), fix.edit.changes[uri])
    assert "T.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])," in fixed

    # the fixed text no longer disagrees with pretraining
    replace_document(client, uri, fixed, version=2)
    await until(client, lambda d: "FT202" not in codes(d, uri))


@pytest.mark.asyncio
async def test_sample_weight_quick_fix_makes_a_class_weight_dict(client, tmp_path):
    script = tmp_path / "balance.py"
    script.write_text(IMBALANCED)
    await start(client, tmp_path)
    uri = await open_until(client, script, "FT501")
    actions = await actions_at(client, uri, one(client.diagnostics[uri], "FT501"))
    (fix,) = [a for a in actions if a.is_preferred]
    fixed = apply(IMBALANCED, fix.edit.changes[uri])
    assert ("weights = dict(zip(np.unique(y_train), class_weight.compute_class_weight("
            "'balanced', classes=np.unique(y_train), y=y_train)))\n") in fixed
    replace_document(client, uri, fixed, version=2)
    await until(client, lambda d: uri in d and "FT501" not in codes(d, uri))
    assert "FT502" not in codes(client.diagnostics, uri)


@pytest.mark.asyncio
async def test_suppress_action_silences_the_finding_like_the_cli(client, pair):
    await start(client, pair)
    uri = await open_until(client, pair / "finetune.py", "FT401")
    actions = await actions_at(client, uri, one(client.diagnostics[uri], "FT401"))
    (suppress,) = [a for a in actions if a.title == "Suppress FT401 on this line"]
    fixed = apply((pair / "finetune.py").read_text(), suppress.edit.changes[uri])
    assert "lr=0.01)  # ftlint: ignore[FT401]\n" in fixed
    replace_document(client, uri, fixed, version=2)
    await until(client, lambda d: "FT401" not in codes(d, uri))
    assert "FT202" in codes(client.diagnostics, uri)


def test_suppress_edit_adds_a_code_to_an_existing_comment():
    lines = ["x = Adam(lr=0.1)  # ftlint: ignore[FT401]", "y = 2 + \\", "    3"]
    first = suppress_edit(Finding("FT402", "n", "warning", "m", Span("f", 1, 5, 1, 10)), lines)
    assert apply("\n".join(lines), [first]).splitlines()[0] == \
        "x = Adam(lr=0.1)  # ftlint: ignore[FT401, FT402]"
    # a comment after a line continuation would break the code: no action
    assert suppress_edit(Finding("FT402", "n", "warning", "m", Span("f", 2, 1, 2, 5)), lines) is None


@pytest.mark.asyncio
async def test_hover_on_a_diagnostic_explains_the_rule(client, pair):
    await start(client, pair)
    uri = await open_until(client, pair / "finetune.py", "FT401")
    lr = one(client.diagnostics[uri], "FT401")
    result = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=lr.range.start))
    assert result.contents.kind == types.MarkupKind.Markdown
    assert result.contents.value.startswith("**FT401 ")
    assert "10x the pretraining rate" in result.contents.value
    assert "Not reported:" in result.contents.value  # the rule's own examples
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=0, character=0)))
    assert nothing is None


FIXABLE = ("from tensorflow import keras\nfrom sklearn.utils import class_weight\n"
           "base = keras.applications.ResNet50(weights='imagenet', include_top=False)\n"
           "x = base(keras.Input(shape=(224, 224, 3)))\nbase.trainable = True\n"
           "weights = class_weight.compute_sample_weight('balanced', y_train)\n"
           "model.fit(x_train, y_train, class_weight=weights)\n"
           "model.load_state_dict(torch.load('c.pt'), strict=False)\n")


@pytest.mark.asyncio
async def test_fix_all_applies_every_safe_fix_like_the_command_line(client, tmp_path, run_cli):
    """source.fixAll.ftlint (as VS Code's codeActionsOnSave asks for it) gives the edits
    `ftlint --fix` writes: the same implementation chooses them."""
    script = tmp_path / "fixable.py"
    script.write_text(FIXABLE)
    await start(client, tmp_path)
    uri = await open_until(client, script, "FT501", "FT603", "FT702")
    (action,) = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(start=types.Position(line=0, character=0),
                          end=types.Position(line=0, character=0)),
        context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"])))
    assert action.kind == "source.fixAll.ftlint"
    fixed = apply(FIXABLE, action.edit.changes[uri])
    compile(fixed, "fixable.py", "exec")
    by_cli = tmp_path / "cli"
    by_cli.mkdir()
    (by_cli / "fixable.py").write_text(FIXABLE)
    run_cli("--fix", "fixable.py", cwd=by_cli)
    assert fixed == (by_cli / "fixable.py").read_text()
    replace_document(client, uri, fixed, version=2)
    await until(client, lambda d: codes(d, uri) == ["FT702"])  # unsafe: left for the user
    quick = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=client.diagnostics[uri][0].range,
        context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"])))
    assert list(quick or []) == []  # no safe fix left
