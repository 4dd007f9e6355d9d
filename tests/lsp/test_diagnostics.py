"""Diagnostics over a real LSP connection: pairs, partners, edits, two-phase files."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys

import pytest
from lsp_session import codes, open_file, open_until, replace_text, start, until
from lsprotocol import types

SERVER_SEVERITY = {"error": 1, "warning": 2, "info": 3}


@pytest.mark.asyncio
async def test_pair_shows_in_both_files_and_each_points_at_the_other(client, pair):
    await start(client, pair)
    train, finetune = (pair / "train.py").as_uri(), (pair / "finetune.py").as_uri()
    open_file(client, pair / "finetune.py")
    await until(client, lambda d: "FT401" in codes(d, finetune) and "FT401" in codes(d, train))

    (lr,) = [d for d in client.diagnostics[finetune] if d.code == "FT401"]
    assert lr.source == "ftlint" and lr.severity == types.DiagnosticSeverity.Warning
    assert "10x the pretraining rate 0.001" in lr.message
    assert lr.code_description.href.endswith("/docs/rules.md#ft401")  # a source checkout
    (where,) = lr.related_information
    assert where.location.uri == train and where.location.range.start.line == 10
    assert where.message == "pretraining uses Adam(model.parameters(), lr=0.001) here"

    (echo,) = [d for d in client.diagnostics[train] if d.code == "FT401"]
    assert echo.range == where.location.range
    assert echo.severity == types.DiagnosticSeverity.Information
    assert echo.related_information[0].location.uri == finetune
    assert echo.related_information[0].location.range == lr.range


@pytest.mark.asyncio
async def test_same_findings_and_columns_as_the_cli(client, pair):
    cli = subprocess.run([sys.executable, "-m", "ftlint", "--output-format", "json",
                          str(pair / "train.py"), str(pair / "finetune.py")],
                         capture_output=True, text=True, cwd=pair, timeout=120)
    expected = sorted((f["code"], f["line"] - 1, f["column"] - 1, f["end_line"] - 1,
                       f["end_column"] - 1, SERVER_SEVERITY[f["severity"]])
                      for f in json.loads(cli.stdout))
    assert expected, cli.stderr
    await start(client, pair)
    uri = open_file(client, pair / "finetune.py")
    await until(client, lambda d: len(d.get(uri, [])) >= len(expected))
    got = sorted((d.code, d.range.start.line, d.range.start.character, d.range.end.line,
                  d.range.end.character, d.severity) for d in client.diagnostics[uri])
    assert got == expected


@pytest.mark.asyncio
async def test_fixing_the_pretraining_script_clears_the_finetuning_diagnostic(client, pair):
    await start(client, pair)
    finetune = (pair / "finetune.py").as_uri()
    open_file(client, pair / "train.py")
    open_file(client, pair / "finetune.py")
    await until(client, lambda d: "FT401" in codes(d, finetune))
    # the user types the fine-tuning rate into the (unsaved) pretraining script
    replace_text(client, pair / "train.py", "lr=0.001", "lr=0.01", version=2)
    await until(client, lambda d: "FT401" not in codes(d, finetune))
    assert "FT202" in codes(client.diagnostics, finetune)  # the other finding stays


@pytest.mark.asyncio
async def test_columns_count_utf16_units_like_editors(client, pair):
    await start(client, pair)
    text = (pair / "finetune.py").read_text().replace(
        "optimizer = Adam(", 'tag = "🙂"; optimizer = Adam(')
    uri = await open_until(client, pair / "finetune.py", "FT401", text=text)
    line = text.splitlines()[11]
    (lr,) = [d for d in client.diagnostics[uri] if d.code == "FT401"]
    assert lr.range.start.line == 11
    assert lr.range.start.character == len(line[:line.index("Adam(")].encode("utf-16-le")) // 2
    assert lr.range.start.character == line.index("Adam(") + 1


class CountingDiagnostics(dict):
    """client.diagnostics that also counts how often each file was published."""

    def __init__(self) -> None:
        super().__init__()
        self.count: dict[str, int] = {}

    def __setitem__(self, uri, diagnostics) -> None:
        self.count[uri] = self.count.get(uri, 0) + 1
        super().__setitem__(uri, diagnostics)


@pytest.mark.asyncio
async def test_typing_is_debounced_into_one_analysis(client, pair):
    await start(client, pair, {"debounceMs": 400})
    uri = await open_until(client, pair / "finetune.py", "FT401")
    client.diagnostics = CountingDiagnostics()
    for version, typed in enumerate(("lr=0.00", "lr=0.000", "lr=0.0001"), start=2):
        replace_text(client, pair / "finetune.py", "lr=0.01", typed, version=version)
    await until(client, lambda d: uri in d)
    await asyncio.sleep(0.6)  # more than the debounce: nothing else is coming
    assert client.diagnostics.count[uri] == 1
    assert codes(client.diagnostics, uri) == ["FT202"]  # 0.0001 is below pretraining's 0.001


@pytest.mark.asyncio
async def test_saving_analyses_at_once(client, pair):
    await start(client, pair, {"debounceMs": 60000})
    uri = await open_until(client, pair / "finetune.py", "FT401")
    replace_text(client, pair / "finetune.py", "lr=0.01", "lr=0.001", version=2)
    await asyncio.sleep(0.3)
    assert "FT401" in codes(client.diagnostics, uri)  # still waiting for the pause
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    await until(client, lambda d: "FT401" not in codes(d, uri), timeout=5)


@pytest.mark.asyncio
async def test_unsaved_text_wins_over_disk(client, pair):
    await start(client, pair)
    text = (pair / "finetune.py").read_text().replace("lr=0.01", "lr=0.001")
    uri = await open_until(client, pair / "finetune.py", "FT202", text=text)
    assert "FT401" not in codes(client.diagnostics, uri)


@pytest.mark.asyncio
async def test_partner_changed_on_disk_refreshes_the_open_file(client, pair):
    await start(client, pair)
    uri = await open_until(client, pair / "finetune.py", "FT401")
    train = pair / "train.py"
    train.write_text(train.read_text().replace("lr=0.001", "lr=0.01"))
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=train.as_uri(), type=types.FileChangeType.Changed)]))
    await until(client, lambda d: "FT401" not in codes(d, uri))


@pytest.mark.asyncio
async def test_checkpoint_link_pairs_files_without_configuration(client, tmp_path):
    (tmp_path / "a.py").write_text(
        "from tensorflow.keras.optimizers import Adam\nmodel.compile(optimizer=Adam(1e-3))\n"
        "model.fit(x, y)\nmodel.save('base.keras')\n")
    (tmp_path / "b.py").write_text(
        "from tensorflow import keras\nfrom tensorflow.keras.optimizers import Adam\n"
        "model = keras.models.load_model('base.keras')\n"
        "model.compile(optimizer=Adam(learning_rate=0.05))\nmodel.fit(x2, y2)\n")
    await start(client, tmp_path)
    uri = await open_until(client, tmp_path / "b.py", "FT401")
    (lr,) = [d for d in client.diagnostics[uri] if d.code == "FT401"]
    assert lr.related_information[0].location.uri == (tmp_path / "a.py").as_uri()


@pytest.mark.asyncio
async def test_two_phase_file_keeps_findings_around_a_syntax_error(client, tmp_path):
    script = tmp_path / "two_phase.py"
    script.write_text(
        "from tensorflow.keras.optimizers import Adam\n\n#Original Training\n"
        "optimizer_original = Adam(learning_rate=0.001)\n"
        "model.compile(optimizer=optimizer_original)\n\n#Fine-tuning\n"
        "optimizer_finetune = Adam(learning_rate=0.01)\n"
        "model.compile(optimizer=optimizer_finetune, ...)\nmodel.fit(...)\n")
    await start(client, tmp_path)
    uri = open_file(client, script)
    await until(client, lambda d: "FT401" in codes(d, uri) and "FT901" in codes(d, uri))
    (syntax,) = [d for d in client.diagnostics[uri] if d.code == "FT901"]
    assert syntax.range.start.line == 8 and syntax.severity == types.DiagnosticSeverity.Error
    (lr,) = [d for d in client.diagnostics[uri] if d.code == "FT401"]
    assert lr.related_information[0].location.range.start.line == 3


@pytest.mark.asyncio
async def test_typing_a_syntax_error_keeps_the_other_findings(client, pair):
    await start(client, pair)
    uri = await open_until(client, pair / "finetune.py", "FT401")
    replace_text(client, pair / "finetune.py", "train(model, optimizer, transform)",
                 "train(model, optimizer,, transform)", version=2)
    await until(client, lambda d: "FT901" in codes(d, uri))
    assert codes(client.diagnostics, uri) == ["FT202", "FT401", "FT901"]


@pytest.mark.asyncio
async def test_closing_an_unpaired_file_clears_it(client, tmp_path):
    script = tmp_path / "lonely.py"
    script.write_text("model.fit(x, y, class_weight=w)\nlr = (\n")
    await start(client, tmp_path)
    uri = await open_until(client, script, "FT901")
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    await until(client, lambda d: codes(d, uri) == [])


@pytest.mark.asyncio
async def test_closing_the_last_file_of_a_pair_clears_both(client, pair):
    await start(client, pair)
    train = (pair / "train.py").as_uri()
    uri = await open_until(client, pair / "finetune.py", "FT401")
    await until(client, lambda d: "FT401" in codes(d, train))
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    await until(client, lambda d: codes(d, uri) == [] and codes(d, train) == [])


@pytest.mark.asyncio
async def test_other_files_get_no_diagnostics(client, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("lr = (\n")
    await start(client, tmp_path)
    uri = open_file(client, notes)
    script = open_file(client, tmp_path / "s.py", "x = (\n")
    await until(client, lambda d: script in d)
    assert uri not in client.diagnostics
