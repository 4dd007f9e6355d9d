"""The language server over a real stdio pipe, fed raw bytes no client library would send:
after any malformed frame it answers a parse error with id null and still answers
`shutdown`; `exit` follows the spec's exit codes."""

from __future__ import annotations

import json
import sys

import pytest
from lsp_wire import WireClient

INITIALIZE = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
              "params": {"capabilities": {}, "rootUri": None}}


def frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Pipe(WireClient):
    """`ftlint lsp` in a subprocess, written raw bytes; its responses kept as they arrive."""

    def __init__(self) -> None:
        super().__init__([sys.executable, "-m", "ftlint", "lsp"])

    def wait_for(self, test, timeout: float = 20) -> dict:
        return self.find(test, timeout)

    def response(self, msg_id: object) -> dict:
        return self.find(lambda m: m.get("id") == msg_id and "method" not in m)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)


SHUTDOWN = {"jsonrpc": "2.0", "id": 42, "method": "shutdown"}
BAD_FRAMES = {
    "no-content-length": b"Content-Type: x\r\n\r\n{}",
    "non-numeric-length": b"Content-Length: abc\r\n\r\n{}",
    "negative-length": b"Content-Length: -5\r\n\r\n{}",
    "huge-length": b"Content-Length: 99999999999\r\n\r\n{}",
    "body-longer-than-announced": b"Content-Length: 5\r\n\r\n" + json.dumps(SHUTDOWN).encode(),
    "body-shorter-than-announced": b"Content-Length: 500\r\n\r\n{\"jsonrpc\": \"2.0\"}",
    "binary-noise": bytes(range(256)) * 40,
    "not-json": b"Content-Length: 3\r\n\r\n{{{",
    "deep-json": frame({"x": 0})[:0] + b"Content-Length: 20000\r\n\r\n" + b"[" * 20000,
}


@pytest.mark.parametrize("bad", list(BAD_FRAMES.values()), ids=list(BAD_FRAMES))
def test_server_answers_shutdown_after_a_bad_frame(bad: bytes):
    server = Pipe()
    try:
        server.write(frame(INITIALIZE))
        server.response(1)
        server.write(bad)
        server.write(frame(SHUTDOWN))
        assert server.response(42).get("result", "missing") is None
        errors = [m for m in server.messages if "error" in m]
        assert errors and all(m.get("id", "missing") is None and m["error"]["code"] == -32700 for m in errors)
        server.write(frame({"jsonrpc": "2.0", "method": "exit"}))
        assert server.process.wait(timeout=20) == 0
    finally:
        server.kill()


def test_lf_only_headers_are_read():
    server = Pipe()
    try:
        body = json.dumps(INITIALIZE).encode()
        server.write(b"Content-Length: %d\n\n" % len(body) + body)
        assert "result" in server.response(1)
    finally:
        server.kill()


def test_exit_without_shutdown_exits_1():
    server = Pipe()
    try:
        server.write(frame(INITIALIZE))
        server.response(1)
        server.write(frame({"jsonrpc": "2.0", "method": "exit"}))
        assert server.process.wait(timeout=20) == 1
    finally:
        server.kill()


def test_a_deep_document_is_one_diagnostic_and_its_partner_still_reports(tmp_path):
    deep = ("import torch\nopt = torch.optim.SGD(model.parameters(), lr=0.01)\n"
            "x = " + " and ".join(["a"] * 10_000) + "\n")
    finetune = "import torch\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\n"
    (tmp_path / "train.py").write_text(deep)
    (tmp_path / "finetune.py").write_text(finetune)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ftlint]\n[[tool.ftlint.pairs]]\npretrain = "train.py"\nfinetune = "finetune.py"\n')
    server = Pipe()
    try:
        server.write(frame({**INITIALIZE, "params": {"capabilities": {},
                                                     "rootUri": tmp_path.as_uri()}}))
        server.response(1)
        server.write(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        for name, text in (("train.py", deep), ("finetune.py", finetune)):
            server.write(frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
                "textDocument": {"uri": (tmp_path / name).as_uri(), "languageId": "python",
                                 "version": 1, "text": text}}}))

        def published(name: str, code: str):
            uri = (tmp_path / name).as_uri()
            return lambda m: (m.get("method") == "textDocument/publishDiagnostics"
                              and m["params"]["uri"] == uri
                              and code in [d["code"] for d in m["params"]["diagnostics"]])

        server.wait_for(published("train.py", "FT904"), timeout=60)
        server.wait_for(published("finetune.py", "FT401"), timeout=60)
        server.write(frame(SHUTDOWN))
        assert "result" in server.response(42)
    finally:
        server.kill()
