"""A protocol that answers bad or out-of-order messages with LSP errors instead of dying.

pygls' default reaction to an undecodable message is to stop the server; here every
request gets a response (ParseError, InvalidParams, ServerNotInitialized, InvalidRequest
after shutdown) and everything else is logged. FramedReader stands between stdin and
pygls' reader: whatever bytes arrive, pygls sees well-formed frames, and a frame that was
not (no or a bad Content-Length, a wrong length, noise) becomes a parse error answered
with "id": null, after which reading goes on at the next header.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections import deque
from typing import Any, BinaryIO

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.protocol import LanguageServerProtocol

logger = logging.getLogger("ftlint.lsp")


# Bodies over this are refused (the largest editor document ftlint analyses is far less).
MAX_CONTENT_LENGTH = 64 * 1024 * 1024
# A body standing for a broken frame: an object with only this key, never sent by a client.
_FRAMING_KEY = "ftlint-framing-error-" + os.urandom(8).hex()
_HEADER = re.compile(rb"content-length[ \t]*:", re.IGNORECASE)
# A whole header block. JSON strings cannot hold raw line breaks, so one of these inside a
# body means the body was cut short and the next frame began: read on from there.
_FRAME_START = re.compile(rb"content-length[ \t]*:[ \t]*\d+[ \t]*\r?\n"
                          rb"(?:[A-Za-z0-9-]+[ \t]*:[^\n]*\n)*\r?\n", re.IGNORECASE)
_TOKEN = re.compile(rb"[A-Za-z0-9!#$%&'*+.^_`|~-]+")  # a header name (RFC 9110)
_MAX_HEADER_LINE = 8192


class AnsweredError(Exception):
    """A message was invalid and the client has been told so."""


class FramingError(Exception):
    """The bytes on stdin were not a well-formed LSP frame (the message says how)."""


class TolerantProtocol(LanguageServerProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initialize_seen = False
        self.exit_code = 0  # what the process exits with: 1 for `exit` without `shutdown`

    def structure_message(self, data: dict[str, Any]) -> Any:
        if len(data) == 1 and _FRAMING_KEY in data:
            problem = str(data[_FRAMING_KEY])
            self._error(None, types.ErrorCodes.ParseError, problem)
            raise AnsweredError(problem)
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if "method" in data and "id" in data:
                self._send_response(data["id"], None, error.to_response_error())
            raise AnsweredError(f"invalid {data.get('method', 'message')}: {error}") from error

    def handle_message(self, message: Any) -> None:
        method = getattr(message, "method", None)
        is_request = method is not None and getattr(message, "id", None) is not None
        if method == types.EXIT:
            self.exit_code = 0 if self._shutdown else 1  # the spec's exit codes
        if method == types.INITIALIZE:
            self.initialize_seen = True
        elif method is not None and not self.initialize_seen and method != types.EXIT:
            if is_request:
                self._error(message.id, types.ErrorCodes.ServerNotInitialized,
                            f"{method} before initialize")
            logger.warning("ftlint: %s before initialize, ignored", method)
            return
        elif is_request and self._shutdown and method != types.EXIT:
            self._error(message.id, types.ErrorCodes.InvalidRequest, f"{method} after shutdown")
            return
        super().handle_message(message)

    def _error(self, msg_id: Any, code: int, text: str) -> None:
        if msg_id is None:  # JSON-RPC wants "id": null, which pygls' serializer would drop
            self._send_data({"jsonrpc": "2.0", "id": None,
                             "error": {"code": int(code), "message": text}})
            return
        self._send_response(msg_id, None, types.ResponseError(code=code, message=text))

    def answer_unparsable(self, error: Exception) -> None:
        """A body that is not JSON: the id is unknown, so the response carries id null."""
        if isinstance(error, (json.JSONDecodeError, UnicodeDecodeError)):
            self._error(None, types.ErrorCodes.ParseError, f"not JSON: {error}")
        elif isinstance(error, RecursionError):
            self._error(None, types.ErrorCodes.ParseError, "not JSON: nested too deeply")


class FramedReader:
    """stdin as pygls reads it (readline, then read of the body), always well framed.

    Frames are re-parsed leniently (any header case, LF-only lines); a frame without a
    usable Content-Length, over MAX_CONTENT_LENGTH, or whose body is cut short by the next
    header, is handed on as a framing-error body; bytes between frames are skipped.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._buffer = bytearray()
        self._out: deque[bytes] = deque()  # whole frames ready for pygls
        self._current = b""
        self._eof = False

    # -- what pygls calls ------------------------------------------------------------
    def readline(self) -> bytes:
        if not self._current and not self._next():
            return b""
        end = self._current.find(b"\n") + 1 or len(self._current)
        line, self._current = self._current[:end], self._current[end:]
        return line

    def read(self, size: int) -> bytes:
        if not self._current and not self._next():
            return b""
        body, self._current = self._current[:size], self._current[size:]
        return body

    # -- framing ---------------------------------------------------------------------
    def _next(self) -> bool:
        while not self._out:
            if not self._frame():
                return False
        self._current = self._out.popleft()
        return True

    def _emit(self, body: bytes) -> None:
        self._out.append(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def _error(self, problem: str) -> None:
        logger.warning("ftlint: bad frame on stdin: %s", problem)
        self._emit(json.dumps({_FRAMING_KEY: f"bad frame: {problem}"}).encode())

    def _frame(self) -> bool:
        """Read one frame (or one stretch of noise); False at the end of input."""
        length: int | None = None
        problem = ""
        noise = headers = False
        while True:
            line = self._line()
            if line is None:
                if noise or headers:
                    self._error(problem or "input ended inside a frame")
                return bool(self._out)
            if not line.strip():
                if not headers and not noise:
                    continue  # blank lines between frames
                break
            name, colon, value = line.partition(b":")
            if colon and _HEADER.fullmatch(name.strip() + b":"):
                if noise:  # a header after noise: the noise was one bad frame
                    self._error("bytes that are no LSP header")
                    noise = False
                length, problem = _length(value.strip())
                headers = True
            elif colon and _TOKEN.fullmatch(name.strip()):
                headers = True  # Content-Type or another header: read and ignored
            else:
                noise = True
        if length is None:
            self._error(problem or "no Content-Length header")
            return True
        body = self._body(length)
        if body is None:
            self._error(f"input ended inside a body of {length} bytes")
            return bool(self._out)
        if len(body) < length:
            self._error(f"body shorter than its Content-Length of {length}")
        else:
            self._emit(body)
        return True

    def _fill(self) -> bool:
        if self._eof:
            return False
        read = getattr(self._stream, "read1", self._stream.read)
        chunk = read(65536)
        if not chunk:
            self._eof = True
            return False
        self._buffer += chunk
        return True

    def _line(self) -> bytes | None:
        """The next header line; a header found inside noise starts a line of its own."""
        while True:
            end = self._buffer.find(b"\n")
            window = self._buffer[: end if end >= 0 else len(self._buffer)]
            found = _HEADER.search(window)
            if found and found.start() > 0:  # noise, then a header on the same line
                del self._buffer[: found.start()]
                return b"\x00noise"
            if end >= 0:
                line = bytes(self._buffer[: end + 1])
                del self._buffer[: end + 1]
                return line
            if len(self._buffer) > _MAX_HEADER_LINE:  # noise without an end: keep the tail
                del self._buffer[: len(self._buffer) - 32]
                return b"\x00noise"
            if not self._fill():
                if self._buffer:
                    line = bytes(self._buffer)
                    self._buffer.clear()
                    return line
                return None

    def _body(self, length: int) -> bytes | None:
        """The body; shorter when the next frame's header starts inside it (the rest stays
        in the buffer); None when the input ends first."""
        searched = 0
        while True:
            found = _FRAME_START.search(self._buffer, max(0, searched - 256))
            if found and found.start() < length:
                length = found.start()
                break
            if len(self._buffer) >= length:
                break
            searched = len(self._buffer)
            if not self._fill():
                return None
        body = bytes(self._buffer[:length])
        del self._buffer[:length]
        return body


def _length(value: bytes) -> tuple[int | None, str]:
    if not value.isdigit() or len(value) > 12:
        return None, f"Content-Length {value[:40]!r} is not a length"
    length = int(value)
    if length == 0:
        return None, "Content-Length 0"
    if length > MAX_CONTENT_LENGTH:
        return None, f"Content-Length {length} is over the limit of {MAX_CONTENT_LENGTH}"
    return length, ""

