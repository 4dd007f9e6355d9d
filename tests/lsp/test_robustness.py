"""A crashing rule, malformed JSON and out-of-order messages: LSP errors and logs, never a
dead server."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from lsp_session import codes, open_file, open_until, start, until

CRASHING_RULE = '''
from ftlint.rule import ScriptRule

class Crashes(ScriptRule):
    code = "FT799"
    name = "always-crashes"
    severity = "warning"
    summary = "Crashes on purpose"
    explanation = "A rule with a bug."

    def check(self, ctx):
        raise ZeroDivisionError("rule bug")
'''


@pytest.mark.asyncio
async def test_a_crashing_rule_is_reported_and_the_others_still_report(client, pair):
    (pair / "myrules").mkdir()
    (pair / "myrules" / "crash.py").write_text(CRASHING_RULE)
    pyproject = pair / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace(
        "[tool.ftlint]\n", "[tool.ftlint]\nrule-folders = [\"myrules\"]\n"))
    await start(client, pair)
    uri = open_file(client, pair / "finetune.py")
    # the crash is a diagnostic of ftlint's own family naming the rule (FT906), and logged
    await until(client, lambda d: codes(d, uri) == ["FT202", "FT401", "FT906"])
    assert any("FT799" in m.message and "ZeroDivisionError" in m.message
               for m in client.log_messages)


class RawServer:
    """The server with hand-written frames, to send what no client library would; over
    stdio, or over TCP (`ftlint lsp --tcp HOST PORT`)."""

    def __init__(self, tcp: bool = False) -> None:
        command = [sys.executable, "-m", "ftlint", "lsp"]
        if tcp:
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
            command += ["--tcp", "127.0.0.1", str(port)]
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.stdin, self.stdout = self.proc.stdin, self.proc.stdout
        if tcp:
            connection = _connect(port)
            self.stdin = self.stdout = connection.makefile("rwb")
        self.messages: list[dict] = []
        self.arrived = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.stdout
        while True:
            length = 0
            while (line := out.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            with self.arrived:
                self.messages.append(json.loads(out.read(length)))
                self.arrived.notify_all()

    def send_raw(self, body: bytes) -> None:
        self.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.stdin.flush()

    def send(self, **message) -> None:
        self.send_raw(json.dumps({"jsonrpc": "2.0", **message}).encode())

    def response(self, msg_id) -> dict:
        with self.arrived:
            assert self.arrived.wait_for(
                lambda: any(m.get("id") == msg_id and "method" not in m for m in self.messages),
                timeout=30), self.messages
            return next(m for m in self.messages if m.get("id") == msg_id and "method" not in m)

    def close(self) -> int:
        self.send(id=99, method="shutdown")
        self.response(99)
        self.send(id=100, method="textDocument/hover", params={
            "textDocument": {"uri": "file:///x.py"}, "position": {"line": 0, "character": 0}})
        assert self.response(100)["error"]["code"] == -32600  # InvalidRequest after shutdown
        self.send(method="exit")
        return self.proc.wait(timeout=30)


def _connect(port: int) -> socket.socket:
    deadline = time.monotonic() + 30
    while True:
        try:
            return socket.create_connection(("127.0.0.1", port))
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_tcp_mode_serves_diagnostics(tmp_path: Path):
    script = tmp_path / "broken.py"
    script.write_text("lr = (\n")
    server = RawServer(tcp=True)
    try:
        server.send(id=1, method="initialize", params={"capabilities": {},
                                                      "rootUri": tmp_path.as_uri()})
        assert server.response(1)["result"]["serverInfo"]["name"] == "ftlint"
        server.send(method="initialized", params={})
        server.send(method="textDocument/didOpen", params={"textDocument": {
            "uri": script.as_uri(), "languageId": "python", "version": 1,
            "text": script.read_text()}})
        with server.arrived:
            assert server.arrived.wait_for(lambda: any(
                m.get("method") == "textDocument/publishDiagnostics" for m in server.messages), 30)
        (published,) = [m for m in server.messages
                        if m.get("method") == "textDocument/publishDiagnostics"]
        assert [d["code"] for d in published["params"]["diagnostics"]] == ["FT901"]
    finally:
        server.proc.kill()


def test_malformed_and_out_of_order_messages_get_errors(tmp_path: Path):
    server = RawServer()
    try:
        server.send(id=1, method="textDocument/hover", params={
            "textDocument": {"uri": "file:///x.py"}, "position": {"line": 0, "character": 0}})
        assert server.response(1)["error"]["code"] == -32002  # ServerNotInitialized
        server.send(id=2, method="initialize", params={"capabilities": {},
                                                      "rootUri": tmp_path.as_uri()})
        assert "capabilities" in server.response(2)["result"]
        server.send(method="initialized", params={})
        server.send_raw(b"{this is not json")
        assert server.response(None)["error"]["code"] == -32700  # ParseError
        server.send(id=3, method="textDocument/hover", params={"textDocument": 5})
        assert server.response(3)["error"]["code"] == -32602  # InvalidParams
        server.send(id=4, method="ftlint/noSuchMethod", params={})
        assert server.response(4)["error"]["code"] == -32601  # MethodNotFound
        server.send(method="textDocument/didOpen", params={"textDocument": {}})  # bad, no reply
        # still serving: a real request after all that
        server.send(id=5, method="textDocument/hover", params={
            "textDocument": {"uri": (tmp_path / "a.py").as_uri()},
            "position": {"line": 0, "character": 0}})
        assert server.response(5)["result"] is None
        assert server.close() == 0
    finally:
        server.proc.kill()


@pytest.mark.asyncio
async def test_analysis_never_executes_the_script(client, tmp_path):
    marker = tmp_path / "executed"
    script = tmp_path / "evil.py"
    script.write_text(f"open({str(marker)!r}, 'w').write('ran')\nlr = (\n")
    await start(client, tmp_path)
    await open_until(client, script, "FT901")
    assert not marker.exists()
