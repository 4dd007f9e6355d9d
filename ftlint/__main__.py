# `python -m ftlint` puts the working directory first on sys.path: a linted project's own
# argparse.py, typing.py or tokenize.py would be imported into ftlint. Drop that entry
# before importing anything (as `python -P` does). A project file named ftlint.py is
# found before this package and cannot be stopped from here: run the `ftlint` command
# or `python -P -m ftlint` in such a folder.
import os
import sys

if sys.path and not getattr(sys.flags, "safe_path", False):
    try:
        _first = os.path.realpath(sys.path[0] or os.curdir)
        if _first == os.path.realpath(os.getcwd()):
            del sys.path[0]
    except OSError:  # the working directory is gone: only an implicit entry names it
        if sys.path[0] in ("", os.curdir):
            del sys.path[0]

from ftlint.cli import command  # noqa: E402

command()
