"""`ftlint lsp`: the language server (stdio, or TCP for debugging).

pygls and lsprotocol are imported here only, so plain linting never pays for them.
"""

from __future__ import annotations

import argparse
import logging
import sys


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="ftlint lsp",
                                     description="Run ftlint as a language server.")
    parser.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (default)")
    parser.add_argument("--tcp", nargs=2, metavar=("HOST", "PORT"),
                        help="listen on HOST PORT instead (for debugging)")
    parser.add_argument("--log-level", default="WARNING",
                        choices=("DEBUG", "INFO", "WARNING", "ERROR"))
    args = parser.parse_args(argv)
    # stdout is the LSP channel: every log line goes to stderr.
    logging.basicConfig(stream=sys.stderr, level=args.log_level,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("pygls").setLevel(max(logging.WARNING, logging.getLogger().level))

    from ftlint.lsp.protocol import FramedReader
    from ftlint.lsp.server import server

    if args.tcp:
        host, port = args.tcp
        server.start_tcp(host, int(port))
    else:  # stdin through a reader that survives any bytes (see ftlint.lsp.protocol)
        server.start_io(stdin=FramedReader(sys.stdin.buffer))
    return getattr(server.protocol, "exit_code", 0)
