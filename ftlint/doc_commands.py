"""The commands a README or run script runs, in order: pairing's documentary support.

A document is read as a sequence of command lines (a line continued with `\\` is one). Each
`python x.py --flag ...` (also `torchrun`, `accelerate launch`, `python -m x`) is a run of
the script `x.py` with its flags; a line that runs one of the project's shell scripts
(`./finetune.sh`, `bash run.sh`, `nohup sh x.sh &`) runs what that script runs, at that
line. Nothing here makes a link: pairing asks only "does some document run the producer
before it runs the loader with its checkpoint option?" of a link it found in the code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import PurePath

_LAUNCHER = re.compile(r"(?:^|[\s;&|(`])(?:python[\d.]*|torchrun|deepspeed|launch|accelerate"
                       r"\s+launch)\s(?P<rest>.*)")
_MODULE = re.compile(r"(?:^|\s)-m\s+(?P<module>[\w.]+)")
_LAUNCHER_MODULES = ("torch.distributed.", "accelerate", "deepspeed")  # run the next script
_SHELL = re.compile(r"(?:^|[\s;&|(`/])(?P<name>[\w.${}\"'-]+\.sh)\b")
_VARIABLE = re.compile(r"[\"']?\$(?:\{\w+\}|\w+)[\"']?")  # run_"$mode".sh: any of run_*.sh
# `--pretrained x` or a one-letter `-p x` (argparse's dest is then `p`)
_DASHES = r"(?:--|-(?=[A-Za-z](?:[\s=]|$)))"
_FLAG = re.compile(r"(?:^|\s)" + _DASHES + r"(?P<flag>[A-Za-z][\w-]*)")
# `--output_dir=pretrained/` or `--output_dir "pretrained/"`: a value written out (one that
# names a shell variable, `$OUT`, is decided elsewhere and is not read)
_VALUE = re.compile(r"(?:^|\s)" + _DASHES + r"(?P<flag>[A-Za-z][\w-]*)(?:=|\s+)"
                    r"(?P<quote>[\"']?)(?P<value>[^\s\-$\"'][^\s$\"']*)(?P=quote)(?=\s|$)")
_SEGMENTS = re.compile(r"&&|\|\||;|\|")
_MAX_DEPTH = 5  # README -> submit.sh -> run_all.sh -> run_one.sh -> python finetune.py


@dataclass(frozen=True, slots=True)
class Run:
    position: int  # line of the document that starts it (for a shell script: its call)
    script: str  # the file name run ('finetune.py'); for `-m pkg.mod`, 'mod.py'
    flags: frozenset[str]  # the options given, '-' read as '_'
    values: tuple[tuple[str, str], ...] = ()  # (option, value) written out on the line


def document_runs(docs: Mapping[str, str]) -> dict[str, list[Run]]:
    """Every document's runs, with the shell scripts it calls expanded (cycles cut)."""
    direct = {path: _direct_runs(text) for path, text in docs.items()}
    shells: dict[str, list[str]] = {}
    for path in docs:
        if path.endswith(".sh"):
            shells.setdefault(PurePath(path).name, []).append(path)
    return {path: _expanded(path, direct, shells, (path,), frozenset()) for path in docs}


def runs_before(runs: list[Run], first: str, then: str, flags: frozenset[str],
                chained: bool = False) -> bool:
    """The document first runs `first`, and only later `then` with one of `flags` (a
    README that fine-tunes before it shows how to pretrain tells no order), for the same
    network (a run of `first` with `--arch vit_b` does not make the checkpoint a
    `--arch resnet18` run of `then` loads); `chained`: with no other stage that starts from
    a checkpoint in between."""
    used = min((r for r in runs if r.script == then and r.flags & flags),
               key=lambda r: r.position, default=None)
    if used is None:
        return False
    # chained: every stage of a pipeline starts from the one before through the same option
    # (pretraining, then `sft.py --model_name_or_path ...`, then `rm.py --model_name_or_path
    # ...`): a stage in between, not the first, is what the last one reads
    stages = [r.position for r in runs if chained and r.script not in (first, then)
              and r.flags & flags and r.position < used.position]
    return any(r.script == first and r.position < used.position and same_network(r, used)
               and not any(r.position < at for at in stages) for r in runs)


# Options that name the network a run builds: a checkpoint of one architecture does not load
# into another (the data may differ: pretraining on Kinetics, fine-tuning on UCF101)
ARCHITECTURE_OPTIONS = frozenset({"arch", "backbone", "net", "network", "encoder",
                                  "model_type"})


def same_network(one: Run, other: Run) -> bool:
    mine, theirs = dict(one.values), dict(other.values)
    return all(mine[key] == theirs[key]
               for key in ARCHITECTURE_OPTIONS & mine.keys() & theirs.keys())


# A document line: (its position, the scripts it runs with their flags, the shell scripts it
# calls with the flags it passes them)
_Line = tuple[int, list[tuple[str, frozenset[str], tuple[tuple[str, str], ...]]],
              list[tuple[str, frozenset[str]]]]


def _direct_runs(text: str) -> list[_Line]:
    lines = []
    for number, line in enumerate(text.replace("\\\r\n", " ").replace("\\\n", " ").splitlines()):
        if line.lstrip().startswith("#"):
            continue  # a commented-out command is not run; a heading runs nothing
        scripts, shells = [], []
        for segment in _SEGMENTS.split(line):
            launched = _LAUNCHER.search(segment)
            found = _script(launched.group("rest")) if launched else None
            if found:
                scripts.append((found[0], _flags(found[1]), _values(found[1])))
                continue
            shells += [(m.group("name"), _flags(segment[m.end():]))
                       for m in _SHELL.finditer(segment)]
        if scripts or shells:
            lines.append((number, scripts, shells))
    return lines


def _flags(text: str) -> frozenset[str]:
    """The options given; `--load_checkpoint=''` gives none (that run starts from nothing)."""
    return frozenset(m.group("flag").replace("-", "_") for m in _FLAG.finditer(text)
                     if not _EMPTY.match(text, m.end()))


_EMPTY = re.compile(r"""(?:=|\s+)(?:''|"")(?=\s|$)""")


def _values(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((m.group("flag").replace("-", "_"), m.group("value"))
                 for m in _VALUE.finditer(text))


def documented_values(runs: Mapping[str, list[Run]], script: str,
                      ) -> list[tuple[dict[str, str], str]]:
    """The option values each documented run of `script` writes out, with its document
    (`run_lm.py --save_model_name=lm2.pdparams`, then `run_cls.py --pre_train=lm2.pdparams`
    in one run script), once per distinct set."""
    found: dict[tuple, tuple[dict[str, str], str]] = {}
    for doc, doc_runs in runs.items():
        for run in doc_runs:
            if run.script == script and run.values:
                found.setdefault(tuple(sorted(set(run.values))), (dict(run.values), doc))
    return list(found.values())


def _script(command: str) -> tuple[str, str] | None:
    """The script a launcher's arguments run, and the text after it (its flags):
    `-m torch.distributed.launch --nproc_per_node=2 main.py` runs main.py."""
    module = _MODULE.search(command)
    if module and not module.group("module").startswith(_LAUNCHER_MODULES):
        return module.group("module").rsplit(".", 1)[-1] + ".py", command[module.end():]
    after_flag = False
    for token in re.finditer(r"\S+", command):
        text = token.group().strip("\"'`").rstrip(",;:)")
        if _PATH.fullmatch(text):
            return PurePath(text).name, command[token.end():]
        if text.startswith("-"):
            after_flag = "=" not in text
        elif after_flag:
            after_flag = False  # the flag's value: `--nproc_per_node 2 main.py`
        else:
            return None  # prose, or markdown (`python script](./x.py)`): not a command
    return None


_PATH = re.compile(r"[\w./~${}-]*[\w-]\.py")


def _called(name: str, shells: dict[str, list[str]]) -> list[str]:
    """The project's shell scripts a call names; a name built from a variable
    (`./run_pretrain_"$mode".sh`) calls any that fits it."""
    if "$" not in name:
        return shells.get(name.strip("\"'"), [])
    pattern = _VARIABLE.sub("*", name).replace('"', "").replace("'", "")
    if len(pattern.replace("*", "")) < 6:
        return []  # "$script".sh names nothing in particular
    return [p for shell, paths in shells.items() if fnmatch(shell, pattern) for p in paths]


def _expanded(path: str, direct: dict[str, list[_Line]], shells: dict[str, list[str]],
              seen: tuple[str, ...], passed: frozenset[str]) -> list[Run]:
    """The runs of a document; flags given to a shell script reach the commands it runs
    (`python molecule_finetune.py $@`)."""
    runs = []
    for number, scripts, called in direct[path]:
        runs += [Run(number, name, flags | passed, values) for name, flags, values in scripts]
        if len(seen) >= _MAX_DEPTH:
            continue
        for shell, flags in called:
            for target in _called(shell, shells):
                if target not in seen:
                    runs += [Run(number, r.script, r.flags, r.values) for r in _expanded(
                        target, direct, shells, seen + (target,), passed | flags)]
    return runs
