"""A bare LSP client over a server's stdio, with nothing of pygls: what an editor sends,
byte for byte. Used where the server must be the installed command, not this checkout."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from pathlib import Path
from typing import Any


class WireClient:
    def __init__(self, command: list[str], cwd: Path | None = None,
                 env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: list[dict] = []  # everything the server sent, in order
        self._arrived = threading.Condition()
        self._looked = 0  # messages wait() has gone past
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if length is not None:
                message = json.loads(stream.read(length))
                with self._arrived:
                    self.messages.append(message)
                    self._arrived.notify_all()

    def write(self, data: bytes) -> None:
        """Bytes as they are, a malformed frame included."""
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message: dict) -> None:
        body = json.dumps(message).encode()
        self.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))

    def notify(self, method: str, params: Any = None) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: Any = None, timeout: float = 30) -> dict:
        self._next_id += 1
        number = self._next_id
        self.send({"jsonrpc": "2.0", "id": number, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == number and "method" not in m, timeout)

    def wait(self, matches, timeout: float = 30) -> dict:
        """The next message from the server that matches; requests from the server (such
        as client/registerCapability) are answered with null as they pass."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                while self._looked < len(self.messages):
                    message = self.messages[self._looked]
                    self._looked += 1
                    if "method" in message and "id" in message:
                        self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                    if matches(message):
                        return message
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("no matching message from the server; stderr: "
                                       + self.stderr_tail())
                self._arrived.wait(left)

    def find(self, matches, timeout: float = 20) -> dict:
        """The first message ever sent that matches (waiting for it if need be)."""
        with self._arrived:
            assert self._arrived.wait_for(lambda: any(matches(m) for m in self.messages),
                                          timeout), self.messages
            return next(m for m in self.messages if matches(m))

    def diagnostics(self, uri: str, wanted: str, timeout: float = 30) -> list[dict]:
        """Diagnostics published for uri once one of them has the wanted code."""
        found = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == uri
                          and any(d.get("code") == wanted for d in m["params"]["diagnostics"]),
                          timeout)
        return found["params"]["diagnostics"]

    def initialize(self, root: Path, capabilities: dict | None = None) -> dict:
        answer = self.request("initialize", {
            "processId": None, "rootUri": root.as_uri(),
            "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
            "capabilities": capabilities or {}})
        self.notify("initialized", {})
        return answer

    def open(self, path: Path, version: int = 1) -> str:
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "python", "version": version, "text": path.read_text()}})
        return uri

    def stop(self, timeout: float = 10) -> int:
        """shutdown, exit, and the server's exit code."""
        try:
            self.request("shutdown", None, timeout)
            self.notify("exit")
            return self.process.wait(timeout)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()

    def stderr_tail(self) -> str:
        if self.process.poll() is None:
            return "(server still running)"
        assert self.process.stderr is not None
        return self.process.stderr.read().decode(errors="replace")[-2000:]
