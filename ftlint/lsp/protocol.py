"""A protocol that answers bad or out-of-order messages with LSP errors instead of dying.

pygls' default reaction to an undecodable message is to stop the server; here every
request gets a response (ParseError, InvalidParams, ServerNotInitialized, InvalidRequest
after shutdown) and everything else is logged.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.protocol import LanguageServerProtocol

logger = logging.getLogger("ftlint.lsp")


class AnsweredError(Exception):
    """A message was invalid and the client has been told so."""


class TolerantProtocol(LanguageServerProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initialize_seen = False

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if "method" in data and "id" in data:
                self._send_response(data["id"], None, error.to_response_error())
            raise AnsweredError(f"invalid {data.get('method', 'message')}: {error}") from error

    def handle_message(self, message: Any) -> None:
        method = getattr(message, "method", None)
        is_request = method is not None and getattr(message, "id", None) is not None
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
        self._send_response(msg_id, None, types.ResponseError(code=code, message=text))

    def answer_unparsable(self, error: Exception) -> None:
        """A body that is not JSON: the id is unknown, so the response carries id null."""
        if isinstance(error, json.JSONDecodeError):
            self._error(None, types.ErrorCodes.ParseError, f"not JSON: {error}")
