#!/usr/bin/env python3
"""Mutation testing: inject one hazard (or one harmless change) into consistent pairs.

Each folder of bases/ holds a consistent pair (train.py, finetune.py) that must get no
warning, tagged with end-of-line comments the operators read, and a base.toml:

  # [lr]           the fine-tuning learning rate (base.toml: pretrain_lr)
  # [prep:FTx]     a preprocessing step whose removal rule family FTx must report
  # [tok]          a pretrained tokenizer's checkpoint
  # [eval]         the eval() of a frozen backbone
  # [transform:FTx] a fitted preprocessor applied (refitting it is an FTx hazard)
  # [load:Class:X] a fitted preprocessor loaded (replaced by Class().fit(X))
  # [model]        the model is ready here (a head or a freeze may follow)
  # [train]        the loop's train() call
  # [helper]       a function that may move to a module of its own

Hazard operators change only finetune.py; each mutant is expected to get a warning or an
error of its rule family. Benign operators must get none. Run from anywhere:

  python tests/mutations/generate.py [--json] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BASES = HERE / "bases"
BLOCKING = ("warning", "error")
RATE = re.compile(r"\b(lr|learning_rate)\s*=\s*([0-9][0-9.eE+-]*)")


@dataclass
class Mutant:
    base: str
    operator: str
    category: str  # "FT1".."FT7" or "benign"
    files: dict[str, str]  # name -> text (train.py, finetune.py, extra modules)
    note: str = ""


@dataclass
class Base:
    name: str
    train: str
    finetune: str
    meta: dict = field(default_factory=dict)

    def mutant(self, operator: str, category: str, finetune: str,
               extra: dict[str, str] | None = None, note: str = "") -> Mutant:
        return Mutant(self.name, operator, category,
                      {"train.py": self.train, "finetune.py": finetune, **(extra or {})}, note)


def load_bases() -> list[Base]:
    found = []
    for folder in sorted(p for p in BASES.iterdir() if p.is_dir()):
        meta = tomllib.loads((folder / "base.toml").read_text())
        found.append(Base(folder.name, (folder / "train.py").read_text(),
                          (folder / "finetune.py").read_text(), meta))
    return found


# -- text helpers --------------------------------------------------------------------------
def tagged(text: str, tag: str) -> Iterator[tuple[int, str, str]]:
    """(line index, line, tag argument) of lines ending in `# [tag]` or `# [tag:arg]`."""
    pattern = re.compile(r"#\s*\[" + re.escape(tag) + r"(?::([^\]]*))?\]")
    for i, line in enumerate(text.split("\n")):
        match = pattern.search(line)
        if match:
            yield i, line, match.group(1) or ""


def replace_line(text: str, index: int, new: str | None) -> str:
    lines = text.split("\n")
    if new is None:
        del lines[index]
    else:
        lines[index] = new
    return "\n".join(lines)


def insert_after(text: str, index: int, snippet: str) -> str:
    lines = text.split("\n")
    indent = re.match(r"\s*", lines[index]).group(0)
    lines[index + 1:index + 1] = [indent + s for s in snippet.split("\n")]
    return "\n".join(lines)


def after_imports(text: str) -> int:
    """Index of the first line after the leading imports (parenthesized ones included)."""
    lines = text.split("\n")
    end = depth = 0
    for i, line in enumerate(lines):
        if depth == 0 and not line.startswith(("import ", "from ")) and line.strip() and \
                not line.startswith("#"):
            break
        depth += line.count("(") - line.count(")")
        if line.strip():
            end = i + 1
    return end


def add_import(text: str, line: str) -> str:
    lines = text.split("\n")
    lines.insert(after_imports(text), line)
    return "\n".join(lines)


def rate_text(value: float) -> str:
    return f"{value:g}"


# -- hazard operators ----------------------------------------------------------------------
def raised_rate(base: Base) -> Iterator[tuple[int, str, str]]:
    """(line index, line with the raised rate literal replaced by {}, raised value)."""
    if "pretrain_lr" not in base.meta:
        return
    for i, line, _ in tagged(base.finetune, "lr"):
        if RATE.search(line):
            value = rate_text(float(base.meta["pretrain_lr"]) * 10)
            yield i, RATE.sub(lambda m: f"{m.group(1)}={{}}", line, count=1), value


def raise_lr(base: Base) -> Iterator[Mutant]:
    for i, template, value in raised_rate(base):
        yield base.mutant("raise-lr", "FT4", replace_line(base.finetune, i,
                                                          template.format(value)))


def raise_lr_in_dataclass(base: Base) -> Iterator[Mutant]:
    for i, template, value in raised_rate(base):
        text = replace_line(base.finetune, i, template.format("cfg.lr"))
        lines = text.split("\n")
        at = after_imports(text)
        lines[at:at] = ["from dataclasses import dataclass", "", "", "@dataclass",
                        "class TuneConfig:", f"    lr: float = {value}", "    epochs: int = 3",
                        "", "", "cfg = TuneConfig()"]
        yield base.mutant("raise-lr-dataclass", "FT4", "\n".join(lines))


def raise_lr_in_module(base: Base) -> Iterator[Mutant]:
    for i, template, value in raised_rate(base):
        text = add_import(replace_line(base.finetune, i, template.format("TUNE_LR")),
                          "from tune_settings import TUNE_LR")
        yield base.mutant("raise-lr-module", "FT4", text,
                          {"tune_settings.py": f"TUNE_LR = {value}\nTUNE_EPOCHS = 3\n"})


def drop_step(base: Base) -> Iterator[Mutant]:
    for i, _line, family in tagged(base.finetune, "prep"):
        yield base.mutant("drop-step", family, replace_line(base.finetune, i, None),
                          note=f"line {i + 1}")


def swap_tokenizer(base: Base) -> Iterator[Mutant]:
    other = base.meta.get("swap")
    for i, line, _ in tagged(base.finetune, "tok"):
        if other:
            swapped = re.sub(r"from_pretrained\((['\"])[^'\"]+\1",
                             f'from_pretrained("{other}"', line, count=1)
            yield base.mutant("swap-tokenizer", "FT1", replace_line(base.finetune, i, swapped))


def freeze_without_eval(base: Base) -> Iterator[Mutant]:
    for i, _line, _ in tagged(base.finetune, "eval"):
        yield base.mutant("freeze-without-eval", "FT6", replace_line(base.finetune, i, None))
    snippet = base.meta.get("freeze")
    if snippet and base.meta.get("freeze_loop"):  # frozen, and train() reaches it
        for i, _line, _ in tagged(base.finetune, "model"):
            yield base.mutant("freeze-without-eval", "FT6",
                              insert_after(base.finetune, i, snippet))


def refit(base: Base) -> Iterator[Mutant]:
    for i, line, family in tagged(base.finetune, "transform"):
        yield base.mutant("refit", family, replace_line(base.finetune, i,
                                                        line.replace(".transform(",
                                                                     ".fit_transform(", 1)))


def chained_refit(base: Base) -> Iterator[Mutant]:
    for i, line, argument in tagged(base.finetune, "load"):
        qualified, data = argument.split(":")
        module, cls = qualified.rsplit(".", 1)
        target = line.split("=")[0].strip()
        text = replace_line(base.finetune, i, f"{target} = {cls}().fit({data})")
        yield base.mutant("chained-refit", "FT3", add_import(text, f"from {module} import {cls}"))


HAZARDS: list[Callable[[Base], Iterator[Mutant]]] = [
    raise_lr, raise_lr_in_dataclass, raise_lr_in_module, drop_step, swap_tokenizer,
    freeze_without_eval, refit, chained_refit]


# -- benign operators ----------------------------------------------------------------------
def unchanged(base: Base) -> Iterator[Mutant]:
    yield base.mutant("base", "benign", base.finetune)


def rename(base: Base) -> Iterator[Mutant]:
    name = base.meta.get("rename")
    if name:
        text = re.sub(rf"(?<![.\w]){re.escape(name)}\b", f"{name}_ft", base.finetune)
        yield base.mutant("rename", "benign", text)


def lower_lr(base: Base) -> Iterator[Mutant]:
    for i, line, _ in tagged(base.finetune, "lr"):
        match = RATE.search(line)
        if match:
            lowered = rate_text(float(match.group(2)) / 10)
            text = line[:match.start(2)] + lowered + line[match.end(2):]
            yield base.mutant("lower-lr", "benign", replace_line(base.finetune, i, text))


def add_head(base: Base) -> Iterator[Mutant]:
    snippet = base.meta.get("head")
    for i, _line, _ in tagged(base.finetune, "model"):
        if snippet:
            yield base.mutant("add-head", "benign", insert_after(base.finetune, i, snippet))


def freeze_correctly(base: Base) -> Iterator[Mutant]:
    snippet = base.meta.get("freeze")
    if not snippet:
        return
    for i, _line, _ in tagged(base.finetune, "model"):
        text = insert_after(base.finetune, i, snippet)
        loop = base.meta.get("freeze_loop")
        if loop:
            trains = list(tagged(text, "train"))
            if not trains:
                continue
            text = insert_after(text, trains[0][0], loop)
        yield base.mutant("freeze-correctly", "benign", text)


def move_to_module(base: Base) -> Iterator[Mutant]:
    """The [helper] function (with the module-level code above it) moves to a module."""
    for i, line, _ in tagged(base.finetune, "helper"):
        name = re.match(r"def (\w+)", line).group(1)
        lines = base.finetune.split("\n")
        start = after_imports(base.finetune)
        end = i + 1
        while end < len(lines) and (not lines[end].strip() or lines[end].startswith(" ")):
            end += 1
        imports = lines[:start]
        module = "\n".join(imports + lines[start:end]) + "\n"
        rest = imports + [f"from ft_helpers import {name}"] + lines[end:]
        yield base.mutant("move-to-module", "benign", "\n".join(rest), {"ft_helpers.py": module})


BENIGN: list[Callable[[Base], Iterator[Mutant]]] = [
    unchanged, rename, lower_lr, add_head, freeze_correctly, move_to_module]


def mutants(bases: list[Base]) -> list[Mutant]:
    return [m for base in bases for operator in (*HAZARDS, *BENIGN) for m in operator(base)]


# -- scoring -------------------------------------------------------------------------------
def lint(mutant: Mutant, folder: Path) -> list:
    sys.path.insert(0, str(ROOT))
    from ftlint.config import Config
    from ftlint.engine import Linter

    for name, text in mutant.files.items():
        (folder / name).write_text(text)
    linter = Linter(Config(root=folder))
    return linter.finish(linter.lint_pair(str(folder / "train.py"), str(folder / "finetune.py")))


def score(keep: Path | None = None) -> dict:
    results = []
    work = Path(tempfile.mkdtemp(prefix="ftlint-mutants-"))
    try:
        for n, mutant in enumerate(mutants(load_bases())):
            folder = (keep or work) / f"{n:03d}_{mutant.base}_{mutant.operator}"
            folder.mkdir(parents=True, exist_ok=True)
            findings = [f for f in lint(mutant, folder) if f.severity in BLOCKING]
            codes = sorted({f.code for f in findings})
            if mutant.category == "benign":
                ok = not findings
            else:
                ok = any(code.startswith(mutant.category) for code in codes)
            results.append({"base": mutant.base, "operator": mutant.operator,
                            "category": mutant.category, "ok": ok, "codes": codes,
                            "note": mutant.note, "folder": folder.name})
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return summarize(results)


def summarize(results: list[dict]) -> dict:
    def tally(key: str) -> dict[str, list[int]]:
        table: dict[str, list[int]] = {}
        for r in results:
            if r["category"] != "benign":
                entry = table.setdefault(r[key], [0, 0])
                entry[0] += r["ok"]
                entry[1] += 1
        return dict(sorted(table.items()))

    benign = [r for r in results if r["category"] == "benign"]
    hazards = [r for r in results if r["category"] != "benign"]
    return {"by_category": tally("category"), "by_operator": tally("operator"),
            "hazards": [sum(r["ok"] for r in hazards), len(hazards)],
            "benign_warned": [sum(not r["ok"] for r in benign), len(benign)],
            "missed": [r for r in hazards if not r["ok"]],
            "false_alarms": [r for r in benign if not r["ok"]]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--keep", type=Path, help="write the mutants into this folder")
    options = parser.parse_args()
    summary = score(options.keep)
    if options.json:
        print(json.dumps(summary, indent=2))
        return
    print("Recall per category (found / mutants)")
    for category, (found, total) in summary["by_category"].items():
        print(f"  {category}: {found}/{total}")
    print("Recall per operator")
    for operator, (found, total) in summary["by_operator"].items():
        print(f"  {operator}: {found}/{total}")
    found, total = summary["hazards"]
    warned, benign = summary["benign_warned"]
    print(f"All hazards: {found}/{total}; benign mutants warned: {warned}/{benign}")
    for r in summary["missed"]:
        print(f"  missed {r['base']} {r['operator']} {r['category']} {r['note']} "
              f"(got {r['codes']})")
    for r in summary["false_alarms"]:
        print(f"  false alarm {r['base']} {r['operator']}: {r['codes']}")


if __name__ == "__main__":
    main()
