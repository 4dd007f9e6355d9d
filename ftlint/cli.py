"""The `ftlint` command. Imports stay lazy: the language server's cost is paid only by `lsp`."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from ftlint import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "concise", "json", "github", "sarif")  # as ftlint.report.FORMATS
LINTED_SUFFIXES = (".py", ".ipynb")
USAGE_NOTE = """\
what the files mean:
  ftlint A.py B.py     a pair: A pretrains, B fine-tunes (also notebooks)
  ftlint A.py          the two phases of one script, and its one-script rules
  ftlint A B C ...     three or more files: each linted as a script on its own
  ftlint [DIR ...]     the project: configured pairs, checkpoint links, two-phase files;
                       files named beside folders are linted as scripts too

exit codes: 0 no finding at or above --fail-on; 1 findings; 2 a usage or configuration
error, or a file that could not be read or parsed (the other files are still checked).

Other commands: `ftlint rules`, `ftlint explain CODE`, `ftlint lsp`."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ftlint",
        description="Find where a fine-tuning script disagrees with the script that trained "
        "the model. Two files: the first pretrains, the second fine-tunes. One file: its "
        "pretraining and fine-tuning phases. None or a folder: the whole project. Python "
        "files and Jupyter notebooks (.ipynb) alike.",
        epilog=USAGE_NOTE, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="*",
                        help="pretraining script, fine-tuning script (see below for other counts)")
    parser.add_argument("--output-format", choices=FORMATS, default="text")
    parser.add_argument("--select", help="comma-separated codes or prefixes to report")
    parser.add_argument("--ignore", help="comma-separated codes or prefixes not to report")
    parser.add_argument("--fail-on", choices=("info", "warning", "error"),
                        help="lowest severity that makes the exit code 1 (default: warning)")
    parser.add_argument("--exit-zero", action="store_true",
                        help="exit 0 even when there are findings")
    parser.add_argument("--config", type=Path, help="pyproject.toml to read [tool.ftlint] from")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                        help="project mode: skip files or folders matching GLOB, relative to "
                        "the working directory, the folder linted or the project root; a glob "
                        "without '/' matches any one path part (repeatable)")
    parser.add_argument("--show-pairs", action="store_true",
                        help="print the pairs and two-phase files found, and why; lint nothing")
    parser.add_argument("--hook", action="store_true",
                        help="pre-commit: lint the pairs and two-phase files the given files "
                        "belong to (partners are read from disk); other files cost nothing")
    parser.add_argument("--fix", action="store_true",
                        help="apply the safe fixes and report what is left")
    parser.add_argument("--unsafe-fixes", action="store_true",
                        help="with --fix or --diff: the unsafe fixes too (`ftlint rules` says "
                        "which rules have which)")
    parser.add_argument("--diff", action="store_true",
                        help="print the fixes as a unified diff and write nothing; exit 1 if "
                        "there is one")
    parser.add_argument("--statistics", action="store_true",
                        help="count the findings per rule instead of listing them")
    parser.add_argument("--add-ignore", action="store_true",
                        help="write `# ftlint: ignore[CODE]` on the line of every current "
                        "finding (adopting ftlint on an existing project)")
    parser.add_argument("--no-cache", action="store_true",
                        help="neither read nor write the result cache (.ftlint_cache)")
    parser.add_argument("--jobs", type=_jobs, default=None, metavar="N",
                        help="worker processes for project mode; 1: one process (default: "
                        "`jobs` in [tool.ftlint], else one per core for a large project)")
    parser.add_argument("--data", action="store_true",
                        help="also read the data files the scripts name (labels, features, "
                        "text lengths) and check them; as `data = true` in [tool.ftlint]")
    parser.add_argument("--version", action="version", version=f"ftlint {__version__}")
    return parser


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 256:
        raise argparse.ArgumentTypeError(f"expected a number of worker processes, 1 to 256 "
                                         f"(0: chosen by size and cores), not {text!r}")
    return value


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


def command() -> None:
    """The `ftlint` command (and `python -m ftlint`): main(), then the process ends without
    tearing the interpreter down. Freeing every object of a project run one by one at exit
    costs as much as a tenth of the run; the output is flushed first, and nothing ftlint
    leaves behind needs an exit handler (the result cache and the workers are done)."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: what was written is all it gets
            pass
    os._exit(code)


def _split(value: str | None) -> list[str]:
    return [v.strip().upper() for v in value.split(",") if v.strip()] if value else []


def _check(args: argparse.Namespace) -> int:
    # Python's cyclic collector paused for the run: every parsed tree stays alive until the
    # end, and its automatic passes would scan them again and again (a tenth or more of a
    # project run's CPU); project mode collects the young generations after each file
    # instead (ftlint.project.young_collections), so memory stays as it was.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _check_files(args)
    finally:
        if enabled:
            gc.enable()


def _check_files(args: argparse.Namespace) -> int:
    from ftlint.config import ConfigError, check_against_rules, check_codes, load_config
    from ftlint.rules_loader import RuleLoadError, load_rules

    first = Path(args.files[0]) if args.files else Path.cwd()
    start = first if first.is_dir() else first.parent
    try:
        config = load_config(start if start.is_dir() else Path.cwd(), args.config)
        if args.select:
            config.select = _split(args.select)
        if args.ignore:
            config.ignore += _split(args.ignore)
        if args.fail_on:
            config.fail_on = args.fail_on
        if args.data:
            config.data = True
    except ConfigError as exc:
        print(f"ftlint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    refused = _not_lintable(args.files) if not args.hook else []
    for name in refused:
        print(f"ftlint: {name}: not a Python file or notebook (.py, .ipynb); not linted",
              file=sys.stderr)
    args.files = [f for f in args.files if f not in refused]
    cached = _cached_run(args, config)  # None: this run is not cached
    if cached is not None and cached.hit is not None:
        findings, unreadable, files_seen = cached.hit
        return _report(args, config, findings, files_seen, unreadable or refused, rules=None)
    try:
        rules = load_rules(config.rule_folders)
        for flag, value in (("--select", args.select), ("--ignore", args.ignore)):
            check_codes(flag, _split(value), rules)  # named as typed, before the merged config
        check_against_rules(config, rules)  # before any file is read: a typo is exit 2
    except (ConfigError, RuleLoadError) as exc:
        print(f"ftlint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    plan, workspace = _plan(args, config, cached.files if cached else None)
    if args.show_pairs:
        from ftlint.project import describe_plan
        from ftlint.report import shown_path

        print("\n".join(describe_plan(plan, shown_path)))
        return EXIT_ERROR if refused else EXIT_CLEAN
    from ftlint.engine import Linter

    linter = Linter(config, rules, workspace=workspace)
    pairs = [(link.pretrain, link.finetune) for link in plan.pairs if link.linted]
    files_seen = len({p for pair in pairs for p in pair} | set(plan.scripts))
    if args.fix or args.diff:
        return _fix(args, config, rules, workspace, pairs, plan.scripts, files_seen)
    result = linter.run(pairs, plan.scripts)
    if args.add_ignore:
        return _add_ignore(result.findings, workspace)
    if cached is not None and cached.key is not None:
        cached.cache.store(cached.key, result.findings, sorted(result.unreadable), files_seen,
                           workspace.loaded() - {os.path.normpath(f) for f in cached.files})
    return _report(args, config, result.findings, files_seen,
                   bool(result.unreadable or refused), rules)


def _report(args: argparse.Namespace, config, findings: list, files_seen: int,
            unreadable: object, rules: list | None) -> int:
    """Print the findings as asked, and the exit code they make."""
    if args.statistics:
        print(_statistics(findings))
    else:
        if rules is None and args.output_format == "sarif":  # the rules' help goes in
            from ftlint.rules_loader import load_rules

            rules = load_rules(config.rule_folders)
        rendered = _render(args.output_format, findings, files_seen, rules or [],
                           config.docs_url)
        if rendered:  # concise and github print nothing at all when clean
            print(rendered)
    if unreadable:
        return EXIT_ERROR
    from ftlint.findings import fails

    if fails(findings, config.fail_on) and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


class _Cached:
    def __init__(self, cache, key: str | None, files: list[str], hit) -> None:
        self.cache, self.key, self.files, self.hit = cache, key, files, hit


def _cached_run(args: argparse.Namespace, config) -> _Cached | None:
    """The cache entry of this run (hit: its findings), or None for a run not cached:
    --no-cache, fixes and baselines (they write files), --show-pairs, --data."""
    if (args.no_cache or args.fix or args.diff or args.add_ignore or args.show_pairs
            or config.data):
        return None
    from ftlint.cache import ResultCache

    folders = [f for f in args.files if Path(f).is_dir()]
    listing: list[str] = []
    if args.hook:  # the staged files; the project's file list says which partners exist
        from ftlint import project

        files, mode = list(args.files), "hook"
        listing = project.project_files([project.near(config.root)], config)
    elif args.files and not folders:
        files, mode = list(args.files), "files"
    else:
        from ftlint import project

        files = project.project_files([Path(f) for f in folders] or [Path(".")], config,
                                      args.exclude)
        files += [f for f in args.files if not Path(f).is_dir() and f not in files]
        mode = "project"
    cache = ResultCache(ResultCache.locate(config, Path.cwd()))
    request = {"mode": mode, "args": args.files, "select": config.select,
               "ignore": config.ignore, "exclude": args.exclude, "listing": listing}
    key = cache.key(request, files, config)
    return _Cached(cache, key, files, cache.load(key) if key else None)


def _fix(args: argparse.Namespace, config, rules: list, workspace, pairs: list,
         scripts: list[str], files_seen: int) -> int:
    """--fix / --diff: fix in memory until nothing changes, then write or show the diff."""
    from ftlint import fixes, report
    from ftlint.engine import Linter
    from ftlint.limits import limits_of
    from ftlint.program import Workspace

    last = {}

    def lint(texts: dict[str, str]) -> list:
        fresh = (Workspace(dict(texts), knowledge=config.knowledge, limits=limits_of(config))
                 if texts else workspace)
        last["result"] = Linter(config, rules, workspace=fresh).run(pairs, scripts)
        return last["result"].findings

    run = fixes.fix_files(lint, lambda p: workspace.module(p).source.text, args.unsafe_fixes)
    result = last["result"]
    if args.diff:
        for path, text in run.texts.items():
            print(fixes.unified_diff(report.shown_path(path), run.originals[path], text), end="")
        print(f"{run.fixed} fix{'es' if run.fixed != 1 else ''} in {len(run.texts)} "
              f"file{'s' if len(run.texts) != 1 else ''} (nothing written)", file=sys.stderr)
        return EXIT_ERROR if result.unreadable else (EXIT_FINDINGS if run.texts else EXIT_CLEAN)
    refused = [path for path, text in run.texts.items() if not fixes.write_fixed(path, text)]
    for path in refused:
        print(f"ftlint: {report.shown_path(path)}: a fix spans two cells or a line of IPython "
              "syntax; the notebook is left as it was", file=sys.stderr)
    rendered = _render(args.output_format, result.findings, files_seen, rules, config.docs_url)
    if rendered:
        print(rendered)
    left = sum(1 for f in result.findings if f.fix is not None)
    print(f"Fixed {run.fixed} finding{'s' if run.fixed != 1 else ''}"
          + (f"; {left} more with --unsafe-fixes" if left and not args.unsafe_fixes else "")
          + ".", file=sys.stderr)
    if result.unreadable:
        return EXIT_ERROR
    return EXIT_FINDINGS if result.fails(config.fail_on) and not args.exit_zero else EXIT_CLEAN


def _add_ignore(findings: list, workspace) -> int:
    """--add-ignore: a suppression comment on the line of every finding (not FT9xx)."""
    from ftlint import fixes
    from ftlint.screen import split_lines

    added = files = 0
    for path in sorted({f.span.path for f in findings}):
        text = workspace.module(path).source.text  # a notebook's: its code cells joined
        edits = fixes.suppression_edits(path, split_lines(text), findings)
        if edits and fixes.write_fixed(path, fixes.apply_edits(text, edits)):
            added, files = added + len(edits), files + 1
    print(f"Added {added} suppression comment{'s' if added != 1 else ''} in {files} "
          f"file{'s' if files != 1 else ''}.", file=sys.stderr)
    return EXIT_CLEAN


def _statistics(findings: list) -> str:
    """`COUNT  CODE  name  [*]` per rule, most frequent first; [*] when --fix fixes some."""
    from collections import Counter

    counts = Counter(f.code for f in findings)
    names = {f.code: f.name for f in findings}
    fixable = {f.code for f in findings if f.fix is not None and f.fix.applicability == "safe"}
    width = len(str(max(counts.values(), default=0)))
    return "\n".join(f"{count:>{width}}  {code}  {'[*]' if code in fixable else '   '} "
                     f"{names[code]}" for code, count in sorted(counts.items(),
                                                                key=lambda i: (-i[1], i[0])))


def _not_lintable(files: list[str]) -> list[str]:
    """Named files that are neither Python nor a notebook (nor a script with a Python
    shebang): each is refused with one line, and the others are still linted."""
    refused = []
    for name in files:
        path = Path(name)
        if path.suffix.lower() in LINTED_SUFFIXES or path.is_dir() or not path.exists():
            continue  # a missing file is reported by the reader, with its reason
        if not _python_shebang(path):
            refused.append(name)
    return refused


def _python_shebang(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            first = handle.readline(200)
    except OSError:
        return True  # let the reader report why it cannot be read
    return first.startswith(b"#!") and b"python" in first


def _plan(args: argparse.Namespace, config, found: list[str] | None = None):
    """What to lint: a pair, scripts, the staged files' pairs (--hook) or the project
    (found: its files, when already listed)."""
    from ftlint import project
    from ftlint.limits import limits_of
    from ftlint.pairing import PairLink

    files = args.files
    if args.hook:
        return project.hook_plan(files, config, sys.stderr.isatty())
    folders = [Path(f) for f in files if Path(f).is_dir()]
    named = [f for f in files if not Path(f).is_dir()]
    if files and not folders:
        from ftlint.program import Workspace

        plan = project.Plan()
        if len(named) == 2:
            plan.pairs.append(PairLink(named[0], named[1], "given on the command line"))
        else:
            plan.scripts.extend(named)
        workspace = Workspace(knowledge=config.knowledge, limits=limits_of(config))
        plan.two_phase = [(f, 0) for f in plan.scripts if workspace.phases(f) is not None]
        return plan, workspace
    if found is None:
        found = project.project_files(folders or [Path(".")], config, args.exclude)
        found += [f for f in named if f not in found]  # files named beside folders: scripts
    if not [f for f in found if f not in named]:
        shown = ", ".join(str(f) for f in folders) or "the working directory"
        print(f"ftlint: warning: no Python files or notebooks to lint in {shown}",
              file=sys.stderr)
    jobs = args.jobs if args.jobs is not None else config.jobs
    workspace = project.analyse(found, config, workers=jobs or None,
                                progress=project.Progress(len(found)))
    return project.project_plan(found, config, workspace), workspace


def _render(output_format: str, findings: list, files_seen: int, rules: list,
            docs_url: str = "") -> str:
    from ftlint import __version__ as version
    from ftlint import report

    if output_format == "json":
        return report.as_json(findings)
    if output_format == "sarif":
        return report.sarif(findings, rules, version, docs_url=docs_url)
    if output_format == "github":
        return report.github(findings)
    if output_format == "concise":
        return report.concise(findings)
    return report.text(findings, files_seen)


def _rules_command(argv: list[str]) -> int:
    from ftlint.rules_loader import load_rules

    parser = argparse.ArgumentParser(prog="ftlint rules", description="List every rule.")
    parser.add_argument("--output-format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    rules = load_rules()
    if args.output_format == "json":
        import json

        print(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity,
                           "fix": r.fixable or None, "summary": r.summary} for r in rules],
                         indent=2))
        return EXIT_CLEAN
    print(f"{'code':<6} {'name':<34} {'severity':<8} {'fix':<6} summary")
    for rule in rules:
        print(f"{rule.code:<6} {rule.name:<34} {rule.severity:<8} {rule.fixable or '-':<6} "
              f"{rule.summary}")
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
