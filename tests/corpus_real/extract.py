#!/usr/bin/env python3
"""Fetch the files of items.toml at their recorded commits into build/corpus_real/<id>/
(each at its path in the repository).

Nothing fetched is committed. `--mirror DIR` reads git mirrors laid out as
DIR/<owner>+<name>/repo (a bare or normal repository); otherwise each repository is cloned
(blobless) from GitHub into a temporary folder.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[1] / "build" / "corpus_real"


def items() -> list[dict]:
    return tomllib.loads((HERE / "items.toml").read_text())["item"]


def _show(git_dir: Path, commit: str, path: str) -> bytes | None:
    for rev in (commit, "HEAD"):  # a mirror may hold only its newest snapshot
        done = subprocess.run(["git", "-C", str(git_dir), "show", f"{rev}:{path}"],
                              capture_output=True)
        if done.returncode == 0:
            return done.stdout
    return None


def _clone(repo: str, into: Path) -> Path:
    target = into / repo.replace("/", "+")
    if not target.exists():
        subprocess.run(["git", "clone", "--filter=blob:none", "--no-checkout", "--quiet",
                        f"https://github.com/{repo}.git", str(target)], check=True)
    return target


def _package_markers(paths: list[str]) -> list[str]:
    """The `__init__.py` of every folder above a listed file: its packages, as in the repo."""
    found = []
    for path in paths:
        parts = Path(path).parts[:-1]
        for depth in range(1, len(parts) + 1):
            found.append(str(Path(*parts[:depth], "__init__.py")))
    return list(dict.fromkeys(found))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mirror", type=Path, help="folder of owner+name/repo git mirrors")
    parser.add_argument("--out", type=Path, default=OUT)
    options = parser.parse_args()
    missing = 0
    with tempfile.TemporaryDirectory() as scratch:
        for item in items():
            local = options.mirror / item["repo"].replace("/", "+") / "repo" \
                if options.mirror else None
            try:
                git_dir = local if local is not None and local.exists() else _clone(
                    item["repo"], Path(scratch))
            except subprocess.CalledProcessError:
                print(f"{item['id']}: cannot clone {item['repo']}", file=sys.stderr)
                missing += len(item["paths"])
                continue
            folder = options.out / item["id"]
            folder.mkdir(parents=True, exist_ok=True)
            for path in item["paths"] + item.get("support", []):
                data = _show(git_dir, item["commit"], path)
                if data is None:
                    print(f"{item['id']}: {item['repo']}@{item['commit'][:10]} has no {path}",
                          file=sys.stderr)
                    missing += 1
                    continue
                target = folder / path  # the repository's layout: imports resolve as there
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            for marker in _package_markers(item["paths"] + item.get("support", [])):
                data = _show(git_dir, item["commit"], marker)  # `import utilities` of a
                if data is not None and not (folder / marker).exists():  # package
                    (folder / marker).parent.mkdir(parents=True, exist_ok=True)
                    (folder / marker).write_bytes(data)
    print(f"{len(items())} items in {options.out} ({missing} files missing)")


if __name__ == "__main__":
    main()
