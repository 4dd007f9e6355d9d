"""The `ftlint` command. Imports stay lazy: the language server's cost is paid only by `lsp`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ftlint import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SKIPPED_DIRS = {".git", ".hg", ".venv", "venv", "env", "node_modules", "__pycache__", "build",
                "dist", "site-packages", ".tox", ".nox", ".mypy_cache", ".ruff_cache",
                ".pytest_cache", ".eggs"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ftlint",
        description="Find where a fine-tuning script disagrees with the script that trained "
        "the model. Two files: the first pretrains, the second fine-tunes. One file: its "
        "pretraining and fine-tuning phases. None or a folder: the whole project.",
        epilog="Other commands: `ftlint rules`, `ftlint explain CODE`, `ftlint lsp`.",
    )
    parser.add_argument("files", nargs="*", help="pretraining script, fine-tuning script")
    parser.add_argument("--output-format", choices=("text", "json"), default="text")
    parser.add_argument("--select", help="comma-separated codes or prefixes to report")
    parser.add_argument("--ignore", help="comma-separated codes or prefixes not to report")
    parser.add_argument("--fail-on", choices=("info", "warning", "error"),
                        help="lowest severity that makes the exit code 1 (default: warning)")
    parser.add_argument("--exit-zero", action="store_true",
                        help="exit 0 even when there are findings")
    parser.add_argument("--config", type=Path, help="pyproject.toml to read [tool.ftlint] from")
    parser.add_argument("--version", action="version", version=f"ftlint {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "rules":
            return _rules_command(argv[1:])
        if argv and argv[0] == "explain":
            return _explain_command(argv[1:])
        if argv and argv[0] == "lsp":
            from ftlint.lsp import main as lsp_main

            return lsp_main(argv[1:])
        return _check(_parser().parse_args(argv))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN


def _split(value: str | None) -> list[str]:
    return [v.strip().upper() for v in value.split(",") if v.strip()] if value else []


def _check(args: argparse.Namespace) -> int:
    from ftlint import report
    from ftlint.config import ConfigError, load_config
    from ftlint.engine import Linter
    from ftlint.rules_loader import RuleLoadError

    start = Path(args.files[0]).parent if args.files else Path.cwd()
    try:
        config = load_config(start if start.is_dir() else Path.cwd(), args.config)
        if args.select:
            config.select = _split(args.select)
        if args.ignore:
            config.ignore += _split(args.ignore)
        if args.fail_on:
            config.fail_on = args.fail_on
        linter = Linter(config)
    except (ConfigError, RuleLoadError) as exc:
        print(f"ftlint: {exc}", file=sys.stderr)
        return EXIT_ERROR

    pairs: list[tuple[str, str]] = []
    scripts: list[str] = []
    files = args.files
    if len(files) == 2 and not any(Path(f).is_dir() for f in files):
        pairs.append((files[0], files[1]))
    elif files and not any(Path(f).is_dir() for f in files):
        scripts.extend(files)
    else:
        folders = [Path(f) for f in files] or [Path.cwd()]
        scripts.extend(str(p) for folder in folders for p in _python_files(folder, config))
        pairs.extend((str(a), str(b)) for a, b in config.pairs)
    result = linter.run(pairs, scripts)
    files_seen = len({p for pair in pairs for p in pair} | set(scripts))
    if args.output_format == "json":
        print(report.as_json(result.findings))
    else:
        print(report.text(result.findings, files_seen))
    if result.unreadable:
        return EXIT_ERROR
    if result.fails(config.fail_on) and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _python_files(folder: Path, config) -> list[Path]:
    import fnmatch
    import os

    found: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith(".")
                         and not (Path(root, d) / "pyvenv.cfg").exists())
        for name in sorted(names):
            path = Path(root, name)
            relative = os.path.relpath(path, config.root)
            if name.endswith(".py") and not any(fnmatch.fnmatch(relative, pattern)
                                                for pattern in config.exclude):
                found.append(path)
    return found


def _rules_command(argv: list[str]) -> int:
    from ftlint.rules_loader import load_rules

    parser = argparse.ArgumentParser(prog="ftlint rules", description="List every rule.")
    parser.add_argument("--output-format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    rules = load_rules()
    if args.output_format == "json":
        import json

        print(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity,
                           "summary": r.summary} for r in rules], indent=2))
        return EXIT_CLEAN
    for rule in rules:
        print(f"{rule.code}  {rule.name:<34} {rule.severity:<8} {rule.summary}")
    return EXIT_CLEAN


def _explain_command(argv: list[str]) -> int:
    from ftlint.explain import explain
    from ftlint.rules_loader import load_rules

    if len(argv) != 1:
        print("usage: ftlint explain CODE", file=sys.stderr)
        return EXIT_ERROR
    wanted = argv[0].strip().upper()
    for rule in load_rules():
        if rule.code == wanted or rule.name == argv[0].strip().lower():
            print(explain(rule))
            return EXIT_CLEAN
    print(f"ftlint: no rule {argv[0]!r}; `ftlint rules` lists them", file=sys.stderr)
    return EXIT_ERROR
