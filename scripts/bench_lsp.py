"""Language-server latency: `ftlint lsp` over stdio, driven by pygls' LSP client.

1. Start to first diagnostics: spawn the server, initialize, open the fine-tuning script of
   a pair, wait for its diagnostics. One fresh process per run.
2. Keystroke: in a 300-line script of a pair (both files open, debounce off), type one
   character at a time and wait for the diagnostics of that document version. Reported as
   the server's own time (didChange handled -> diagnostics sent, from the server's DEBUG
   log) and as the round trip the client sees. Typing in the pretraining script refreshes
   the fine-tuning script's diagnostics too.

    .venv/bin/python scripts/bench_lsp.py [--runs 5] [--keystrokes 200]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

SERVER = [sys.executable, "-m", "ftlint", "lsp", "--log-level", "DEBUG"]
ANALYSED = re.compile(r"analysed .* in ([0-9.]+) ms")

HEADER = '''"""{role} an image classifier (benchmark file)."""
import torch
import torchvision.transforms as T
from torch.optim import Adam

transform = T.Compose([
    T.RandomResizedCrop(224),
    T.ToTensor(),
    T.Normalize(mean={mean}, std={std}),
])
'''
HELPER = '''

def step_{n}(model, batch, scale={n}):
    """Helper {n}: a few lines of ordinary training code."""
    images, labels = batch
    images = images.to("cuda") * scale
    logits = model(images)
    loss = torch.nn.functional.cross_entropy(logits, labels)
    total = 0.0
    for value in logits.flatten()[:8]:
        total += float(value)
    return loss, total
'''
FOOTER = '''
model = build_model()
{load}
optimizer = Adam(model.parameters(), lr={lr})
for epoch in range(10):
    for batch in loader:
        loss, _ = step_1(model, batch)
        loss.backward()
        optimizer.step()
torch.save(model.state_dict(), "{saved}")
'''


def script(role: str, lr: str, mean: str, std: str, load: str, saved: str,
           lines: int = 300) -> str:
    text = HEADER.format(role=role, mean=mean, std=std)
    footer = FOOTER.format(load=load, lr=lr, saved=saved)
    n = 0
    while len((text + HELPER.format(n=n + 1) + footer).splitlines()) <= lines:
        n += 1
        text += HELPER.format(n=n)
    padding = lines - len((text + footer).splitlines())
    return text + "# configuration notes\n" * padding + footer


def make_pair(folder: Path, lines: int = 300) -> tuple[Path, Path]:
    train, finetune = folder / "train.py", folder / "finetune.py"
    train.write_text(script("Pretrain", "0.001", "[0.485, 0.456, 0.406]",
                            "[0.229, 0.224, 0.225]", "", "pretrained.pt", lines))
    finetune.write_text(script("Fine-tune", "0.01", "[0.5, 0.5, 0.5]", "[0.5, 0.5, 0.5]",
                               'model.load_state_dict(torch.load("pretrained.pt"))',
                               "finetuned.pt", lines))
    return train, finetune


def make_project(folder: Path, lines: int = 300, siblings: int = 0) -> tuple[Path, Path]:
    """A configured pair of `lines`-line scripts, beside `siblings` other scripts."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text(
        '[tool.ftlint]\n[[tool.ftlint.pairs]]\npretrain = "train.py"\n'
        'finetune = "finetune.py"\n')
    for n in range(siblings):
        (folder / f"experiment_{n}.py").write_text(
            script(f"Experiment {n} of", "0.001", "[0.5] * 3", "[0.5] * 3", "", f"exp_{n}.pt"))
    return make_pair(folder, lines)


class Session:
    """One server process and the diagnostics it publishes, by (uri, version)."""

    def __init__(self) -> None:
        self.client = LanguageClient("ftlint-bench", "1")
        self.published: dict[str, asyncio.Event] = {}
        self.seen: dict[str, int | None] = {}
        self.server_ms: list[float] = []

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            self.seen[params.uri] = params.version
            self._event(params.uri).set()

        @self.client.feature(types.WINDOW_LOG_MESSAGE)
        def logged(params: types.LogMessageParams) -> None:
            pass

    def _event(self, uri: str) -> asyncio.Event:
        return self.published.setdefault(uri, asyncio.Event())

    async def start(self, root: Path) -> None:
        await self.client.start_io(*SERVER)
        asyncio.ensure_future(self._read_stderr())
        await self.client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=root.as_uri(),
            initialization_options={"debounceMs": 0}))
        self.client.initialized(types.InitializedParams())

    async def _read_stderr(self) -> None:
        stream = self.client._server.stderr
        while line := await stream.readline():
            match = ANALYSED.search(line.decode(errors="replace"))
            if match:
                self.server_ms.append(float(match.group(1)))

    def open(self, path: Path) -> str:
        uri = path.as_uri()
        self._event(uri).clear()
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="python", version=1,
                                                 text=path.read_text())))
        return uri

    async def wait(self, uri: str, version: int | None = None) -> None:
        while True:
            await asyncio.wait_for(self._event(uri).wait(), 30)
            self._event(uri).clear()
            if version is None or self.seen.get(uri) == version:
                return

    def type_char(self, uri: str, version: int, line: int, column: int, text: str,
                  delete: bool) -> None:
        end = types.Position(line=line, character=column + (1 if delete else 0))
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(line=line, character=column), end=end),
                text=text)]))

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


async def start_to_first_diagnostics(folder: Path, finetune: Path) -> float:
    start = time.perf_counter()
    session = Session()
    await session.start(folder)
    uri = session.open(finetune)
    await session.wait(uri)
    elapsed = (time.perf_counter() - start) * 1000
    await session.stop()
    return elapsed


async def keystrokes(folder: Path, typed: Path, other: Path, count: int,
                     ) -> tuple[list[float], list[float]]:
    """Type `count` characters into a helper function of `typed` (insert, delete, ...)."""
    session = Session()
    await session.start(folder)
    for path in (other, typed):
        await session.wait(session.open(path))
    lines = typed.read_text().splitlines()
    line = next(i for i, text in enumerate(lines) if "total = 0.0" in text
                and i > len(lines) // 2)
    column = lines[line].index("0.0") + 3
    uri, partner = typed.as_uri(), other.as_uri()
    round_trips: list[float] = []
    await asyncio.sleep(0.2)  # let the log lines of the opening analyses arrive first
    session.server_ms.clear()
    for n in range(count):
        start = time.perf_counter()
        session.type_char(uri, n + 2, line, column, "" if n % 2 else "5", delete=bool(n % 2))
        await session.wait(uri, n + 2)
        round_trips.append((time.perf_counter() - start) * 1000)
        if typed.name == "train.py":  # the partner is refreshed too
            await session.wait(partner)
    await asyncio.sleep(0.2)
    server = list(session.server_ms)
    await session.stop()
    return server, round_trips


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (f"median {statistics.median(ordered):6.1f} ms   p95 {p95:6.1f} ms   "
            f"max {ordered[-1]:6.1f} ms   (n={len(ordered)})")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keystrokes", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for lines, siblings, count in ((300, 0, args.keystrokes), (2000, 0, args.keystrokes // 2),
                                       (300, 100, 0)):
            folder = Path(tmp) / f"{lines}-{siblings}"
            train, finetune = make_project(folder, lines, siblings)
            print(f"pair: {len(train.read_text().splitlines())} + "
                  f"{len(finetune.read_text().splitlines())} lines, {siblings} sibling scripts")
            starts = [await start_to_first_diagnostics(folder, finetune)
                      for _ in range(args.runs)]
            print(f"start to first diagnostics       {summary(starts)}")
            for typed, other in ((finetune, train), (train, finetune))[: 2 if count else 0]:
                server, trips = await keystrokes(folder, typed, other, count)
                print(f"keystroke in {typed.name:<12} server  {summary(server)}")
                print(f"keystroke in {typed.name:<12} client  {summary(trips)}")


if __name__ == "__main__":
    asyncio.run(main())
