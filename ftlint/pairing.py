"""Which files form pairs in a project: configured pairs, checkpoint links, two-phase files.

Shared by project mode, the pre-commit hook and the language server. A link is made from
what a script loads, read off facts already extracted (nothing is parsed here):

- high: the checkpoint path it loads is the path (or fits the template) another script saves;
- medium: the path fits another script's template only past a run-time folder, or it reads
  its checkpoint from an option named like a pretrained checkpoint (`--finetune`,
  `--pretrained`, ...) left empty, and one other script beside it trains and saves
  checkpoints (or a README / run script names the two together);
- low: that option, with several scripts that could have made the checkpoint; listed by
  `--show-pairs`, not linted unless `[[tool.ftlint.pairs]]` names the pair.

A script that neither trains nor steps an optimizer (it only evaluates or predicts) is
nobody's partner, and an empty path links nothing.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ftlint.config import Config
from ftlint.facts import Fact, Value
from ftlint.paths import from_own_folder, same_place

CONFIDENCE = ("configured", "high", "medium", "low")
# A script trains when a step or a fit runs: an optimizer built (or Keras compile) with no
# step or fit only evaluates (`model.compile(...)` then `evaluate`)
_TRAINING_KINDS = ("fit_call", "train_step")
_RUN_KINDS = _TRAINING_KINDS + ("optimizer", "save", "checkpoint_dir", "load", "helper_load",
                                "unset_load")
_HOLE = "{}"
_FIELD = re.compile(r"\{[^}]*\}")  # a hole of a template, named or not
_LOAD_KINDS = ("load", "helper_load", "unset_load")

if TYPE_CHECKING:
    pass


@dataclass(frozen=True, slots=True)
class PairLink:
    pretrain: str
    finetune: str
    reason: str  # the evidence, shown by --show-pairs
    confidence: str = "high"  # configured | high | medium | low

    @property
    def linted(self) -> bool:
        """A low-confidence link is only listed (a configured pair replaces it)."""
        return self.confidence != "low"


@dataclass(slots=True)
class FileRole:
    """What pairing needs of one file, small and picklable (project.FileSummary keeps it)."""

    script: bool = False  # runs as a program: top-level training, a main guard, a notebook
    trains: bool = False  # an optimizer, a fit, a backward pass or an optimizer step
    saves: list[Fact] = field(default_factory=list)  # own and its helpers' saves
    loads: list[Fact] = field(default_factory=list)  # own and its helpers' local loads
    trained_in: tuple[str, ...] = ()  # files its training steps come from (itself, helpers)
    defaults: dict[str, str] = field(default_factory=dict)  # its options' string defaults
    calls_into: tuple[str, ...] = ()  # project files whose functions it calls itself
    # what it calls of each project file (`ucr.load_UCR_dataset`): path -> names
    names_called: dict[str, tuple[str, ...]] = field(default_factory=dict)
    training_units: tuple[str, ...] = ()  # its functions and classes that reach a step


def file_role(module, whole: list[Fact], modules: Callable | None = None) -> FileRole:
    """module: extract.ModuleFacts of the file; whole: its facts with what it imports;
    modules: path -> ModuleFacts, to follow the helpers its helpers call."""
    from ftlint.extract.templates import bind_helpers
    from ftlint.program import without_unrun_hooks

    whole = bind_helpers(module, whole)
    index = module.index
    heads = _head_files(module)
    top_level = any(f.unit is None and f.kind in _RUN_KINDS for f in module.facts) or \
        _runs_its_functions(module, whole, heads)
    script = bool(index is not None and index.main_guards) or top_level or str(
        module.source.path).endswith(".ipynb") or _entry_point_left_uncalled(index)
    origins = _training_origins(module, without_unrun_hooks(module, whole), modules)
    return FileRole(
        script=script,
        trains=bool(origins),
        trained_in=tuple(sorted(origins)),
        saves=[f for f in whole if f.kind in ("save", "checkpoint_dir")],
        loads=[f for f in whole if f.kind in _LOAD_KINDS],
        defaults=_string_defaults(module),
        calls_into=tuple(sorted(set(heads.values()))),
        names_called=_names_called(module, heads), training_units=_training_units(module))


def _head_files(module) -> dict[str, str]:
    """The project file each imported name the file calls comes from (`ucr` of
    `ucr.load_UCR_dataset(...)`), looked up once per name; frameworks are skipped."""
    from ftlint.program import _package, resolve_module, sys_path_folders

    index = module.index
    if index is None:
        return {}
    folders = sys_path_folders(module.source.text)
    found: dict[str, str] = {}
    for head in {c.name.split(".")[0] for c in index.calls if c.name}:
        origin = index.aliases.get(head)
        if not origin:
            continue
        source = index.imported_from.get(head) or origin
        if _package(module.source.path, source):
            continue
        path = resolve_module(module.source.path, source, folders=folders)
        if path:
            found[head] = os.path.normpath(path)
    return found


def _names_called(module, heads: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """The names the file calls in each project file it imports: `import ucr` then
    `ucr.load_UCR_dataset(...)` calls load_UCR_dataset of ucr.py."""
    index = module.index
    found: dict[str, set[str]] = {}
    for call in index.calls if index is not None else ():
        head, _, rest = call.name.partition(".")
        if head not in heads:
            continue
        origin = index.aliases[head]
        source = index.imported_from.get(head) or origin
        name = origin[len(source) + 1:] if origin.startswith(source + ".") else \
            rest.split(".")[0]
        found.setdefault(heads[head], set()).add(name or head)
    return {path: tuple(sorted(names)) for path, names in found.items()}


def _training_units(module) -> tuple[str, ...]:
    """Functions and classes of the file from which a training step of its own is reached."""
    from ftlint.program import closure

    index = module.index
    if index is None:
        return ()
    stepping = {f.unit for f in module.facts if f.unit is not None and f.kind in _RUN_KINDS
                and f.kind != "load"}
    return tuple(sorted(u for u in index.units if closure(index, {u}) & stepping))


def _entry_point_left_uncalled(index) -> bool:
    """A file whose `main()` nothing calls, not even a main guard (the call was lost): it is
    still the script its README runs, not a module of helpers."""
    return index is not None and index.unit_kinds.get("main") == "def" and not any(
        c.name == "main" for c in index.calls)


def _string_defaults(module) -> dict[str, str]:
    """Options with a default path or name (`--save_model_name lm.pdparams`): a documented
    run that gives another value changes the paths built from it."""
    evaluator = module.evaluator
    if evaluator is None:
        return {}
    return {name: value.value for name, value in evaluator.argparse.items()
            if value.known and isinstance(value.value, str) and len(value.value) >= 4}


def _runs_its_functions(module, whole: list[Fact], heads: dict[str, str]) -> bool:
    """Module-level code calls a function that trains, saves or loads: one of the file's
    (`train_model = train(args.epochs, ...)` with no main guard) or an imported project
    function whose facts came in (`pretrain_selftime(loader)`)."""
    from ftlint.program import closure

    index = module.index
    if index is None:
        return False
    from ftlint.extract.index import dotted

    running = {f.unit for f in module.facts if f.unit is not None and f.kind in _RUN_KINDS}
    top = [c for c in index.calls if c.unit is None and c.name]
    called = {c.name for c in top if c.name in index.units} | {  # `fire.Fire(main)` runs main
        dotted(c.node.args[0].value) for c in top if c.node.args
        and index.aliases.get(c.name.split(".")[0], "").startswith("fire")}
    if running and closure(index, called) & running:
        return True
    # a call into a project file (`logger = getLogger()` is not one) whose training came in
    into_project = any(c.name.split(".")[0] in heads for c in top)
    own = os.path.normpath(module.source.path)
    return into_project and any(f.kind in _RUN_KINDS and f.origin_path
                                and os.path.normpath(f.origin_path) != own for f in whole)


def _training_origins(module, whole: list[Fact], modules_of: Callable | None = None,
                      ) -> set[str]:
    """Files the training steps of a script come from: itself, and helper files it calls
    into (a helper file merely imported, never called, does not make the script train)."""
    own = os.path.normpath(module.source.path)
    called = {c.method for c in module.index.calls} if module.index is not None else set()
    units: dict[str, set[str]] = {}
    for fact in whole:
        if fact.unit is not None:
            units.setdefault(os.path.normpath(fact.origin_path or own), set()).add(fact.unit)
    found = set()
    modules: set[str] | None = None
    handed = _optimizers_handed_on(module)
    for fact in whole:
        origin = os.path.normpath(fact.origin_path or own)
        if fact.kind not in _TRAINING_KINDS and not (
                fact.kind == "optimizer" and origin == own and fact.span in handed):
            continue
        if fact.attr("learns") is False:  # a kNN's fit stores features: an evaluation
            continue
        if origin == own or module.index is None or units.get(origin, set()) & called:
            found.add(origin)
            continue
        if modules is None:
            modules = _called_modules(module, modules_of)
        if origin in modules:  # `trainer.train_and_validate(args)` runs uer/trainer.py's
            found.add(origin)  # classes too (through a table of them)
    return found


def _optimizers_handed_on(module) -> set:
    """Spans of optimizers this file builds and passes to code that may step them
    (`train_one_epoch(model, optimizer)`): an optimizer built and never used, or Keras's
    compile(optimizer="adam") with no fit, trains nothing."""
    from ftlint.extract.index import dotted
    from ftlint.extract.knowledge import only_shows

    index = module.index
    if index is None or module.evaluator is None:
        return set()
    resolve = module.evaluator.resolve
    passed = {dotted(a.value) for call in index.calls
              if not only_shows(resolve(call.name), call.receiver, call.method)
              and not _a_runner(resolve, call) for a in call.node.args}
    return {call.span for call in index.calls if call.target and call.target in passed}


def _a_runner(resolve, call) -> bool:
    """`Trainer(args=training_args)`: a framework loop whose training is its own call
    (`trainer.train()`, a fit); built to `predict`, it steps nothing."""
    from ftlint.extract import knowledge

    return resolve(call.name) in knowledge.LOOP_RUNNERS


def _called_modules(module, modules_of: Callable | None = None, hops: int = 3) -> set[str]:
    """Project files whose functions the script calls (`import uer.trainer as trainer`
    then `trainer.run(...)`, or `from uer.trainer import run` then `run(...)`), and, given
    modules_of, the files those call in turn (train_ssl.py -> optim/pretrain.py ->
    model/model_RelationalReasoning.py, whose method steps the optimizer)."""
    found: set[str] = set()
    todo = [(module, 0)]
    while todo:
        current, depth = todo.pop()
        for path in _head_files(current).values():
            if path not in found:
                found.add(path)
                if modules_of is not None and depth + 1 < hops:
                    todo.append((modules_of(path), depth + 1))
    return found


def role_of(workspace, path: str) -> FileRole:
    """The FileRole of a file from a project.SummaryWorkspace or a program.Workspace."""
    summary = getattr(workspace, "summary", None)
    if summary is not None:
        return summary(path).role
    return file_role(workspace.module(path), workspace.whole(path, "script").facts,
                     workspace.module)


@lru_cache(maxsize=65536)
def _key(path: str | Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def configured_pairs(config: Config) -> list[PairLink]:
    return [PairLink(str(a), str(b), f"[[tool.ftlint.pairs]] in {config.path}", "configured")
            for a, b in config.pairs]


# -- paths -----------------------------------------------------------------------------------
def _where(fact: Fact) -> str:
    """The path a save or load names: its value when known, else its template ('' if none)."""
    value = fact.value
    if value.known and isinstance(value.value, str) and value.value.strip():
        return value.value if _informative(value.value) else ""
    template = _template(fact)
    return template if _informative(template) else ""


def _informative(path: str) -> bool:
    """A path that names a file: a known stem in its last part ('{}/model.pt', 'x.pt' yes;
    '{}', '{}/{}.pth' and '.pth', made of an empty option and a suffix, no), or a name
    joined from several options inside a named folder ('models_eta_{}/{}_{}_{}.pt')."""
    parts = path.replace("\\", "/").rstrip("/").split("/")
    last, folders = parts[-1], parts[:-1]
    stem = last.split(".")[0].replace(_HOLE, "").strip("-_ ")
    if len(stem) >= 3 or (_HOLE not in path and bool(stem)):
        return True
    joined = last.split(".")[0].count(_HOLE) >= 2 and not stem
    return joined and any(len(f.replace(_HOLE, "").strip("-_. ")) >= 3 for f in folders)


def _path_match(save: Fact, load: Fact, saver: str = "", loader: str = "",
                ) -> tuple[str, int] | None:
    """(confidence, how much known text matched) when the load reads what the save wrote:
    both run from one folder, or each from its own (`cd pre-training; python main.py` saves
    `models/x.pt`, `cd finetuning; python main_cl.py` loads `../pre-training/models/x.pt`)."""
    saved, loaded = _where(save), _where(load)
    if not saved or not loaded:
        return None
    own_saved, own_loaded = from_own_folder(saved, saver), from_own_folder(loaded, loader)
    # each run from its own folder (`cd pre-training; python main.py` saves `models/x.pt`,
    # `cd finetuning; ...` loads `../pre-training/models/x.pt`): more of the path agrees
    # than when both are read from one folder, where a leading hole swallows the folder
    own_size = len(own_saved.replace(_HOLE, "")) if own_saved and own_loaded and same_place(
        own_saved, own_loaded) else -1
    folder = os.path.dirname(os.path.relpath(saver)) if saver else ""  # as from_own_folder
    if own_size < 0 and folder and own_loaded.startswith(folder + "/") and same_place(
            saved, own_loaded[len(folder) + 1:]):
        # `../pretraining_bert_1/best/best_model` read from the folder of the script that
        # saves `{save_dir}/best_model`: the path names that script's folder
        own_size = len(saved.replace(_HOLE, "")) + len(folder)
    if not same_place(saved, loaded):
        return ("medium", own_size) if own_size >= 0 else None
    size = len(saved.replace(_HOLE, ""))
    if saved.startswith(_HOLE) and own_size > size:
        return "medium", own_size
    if (save.attr("template") or "").startswith("{="):
        return "low", size  # where it goes is a helper's argument no call here binds
    folders = loaded.replace("\\", "/").rsplit("/", 1)[0] if "/" in loaded else ""
    if saved.startswith(_HOLE) or loaded.startswith(_HOLE) or _HOLE in folders:
        return "medium", size  # the folder is chosen at run time: only the file name agrees
    return "high", size


def _describe(fact: Fact) -> str:
    value = fact.value
    if value.known and isinstance(value.value, str):
        return repr(value.value)
    return repr(fact.attr("template") or "?")


def _own(fact: Fact, path: str) -> bool:
    """The fact is in the file itself (or a helper's, bound to this file's arguments)."""
    return (not fact.origin_path or _key(fact.origin_path) == _key(path)
            or _key(fact.attr("bound_in") or "") == _key(path))


def _shared_helper(save: Fact, load: Fact) -> bool:
    """A save and a load in one imported helper file (a dataset cache, an auto-resume):
    every script that uses the helper has both, so they tell no script from another."""
    if save.attr("bound_in") or load.attr("bound_in"):
        return False  # the path is the script's own, passed to the helper's save or load
    return bool(save.origin_path) and os.path.normpath(save.origin_path) == os.path.normpath(
        load.origin_path) and save.attr("template") == load.attr("template")


def _resumes(role: FileRole, load: Fact) -> bool:
    """A load of a script that saves checkpoints through a resume option reads its own run."""
    return load.attr("argument") == "resume" and any(f.attr("checkpoint") for f in role.saves)


def _path_links(files: list[str], roles: dict[str, FileRole],
                runs: Mapping[str, list]) -> list[PairLink]:
    # saves indexed once, grouped by the literal pieces of the last part of their path
    # (project copies and run folders repeat them): the cheap test is done once per group
    saves: dict[tuple[str, ...], list[tuple[str, Fact]]] = {}
    for saver in files:
        if roles[saver].trains and roles[saver].script:  # a module of functions runs nothing
            for save in roles[saver].saves:
                if save.attr("what") != "data" and (where := _where(save)):
                    saves.setdefault(tuple(_pieces(where)), []).append((saver, save))
    shared_names = _shared_names(files)
    found: list[PairLink] = []
    for loader in files:
        role = roles[loader]
        if not (role.trains and role.script):
            continue  # evaluation or prediction only, or a module: not a fine-tuning partner
        for load in role.loads:
            loaded = _where(load)
            if not loaded or _resumes(role, load):
                continue
            own = max((m[1] for m in (_path_match(s, load) for s in role.saves
                                      if _same_run(s, load) and _may_reload(s, load)) if m),
                      default=-1)
            concrete = _HOLE not in loaded
            matched: list[PairLink] = []
            candidates = (pair for pieces, group in saves.items()
                          if not concrete or all(piece in loaded for piece in pieces)
                          for pair in group)  # the saved name's known text must be there
            for saver, save in candidates:
                if _key(saver) == _key(loader) or _shared_helper(save, load):
                    continue
                match = _path_match(save, load, saver, loader)
                if match is None or match[1] <= own:
                    continue  # its own output fits as well: it reloads what it saved itself
                given = [g for g in (save.attr("given"), load.attr("given")) if g]
                confidence = "medium" if given and match[0] == "high" else match[0]
                matched.append(PairLink(saver, loader, f"{Path(saver).name} saves "
                                        f"{_describe(save)}, {Path(loader).name} loads "
                                        f"{_describe(load)}" + "".join(f"; {g}" for g in given),
                                        confidence))
            option = load.attr("option") or next((h for h in load.attr("holes", ()) if h), "")
            found += _one_of_several(matched, loader, lambda producer, at=loader, flag=option:
                                     _named_together(runs, producer, at, flag, shared_names))
    return found


def _may_reload(save: Fact, load: Fact) -> bool:
    """The load may read back this script's own save: not when the load's folder comes from
    a pretrained-checkpoint option and the save's from other options (downstream.py saves
    under --output_folder and starts from --pretrain-path: both end in ckpt_best.pth)."""
    if load.attr("argument") != "pretrained" or _HOLE not in _template(save):
        return True
    theirs = {*load.attr("keys", ()), *load.attr("holes", ()), load.attr("option") or ""}
    mine = {*save.attr("keys", ()), *save.attr("holes", ())}
    return bool((theirs & mine) - {""})


def _as_run(files: list[str], roles: dict[str, FileRole],
            runs: Mapping[str, list]) -> dict[str, FileRole]:
    """Roles with the paths the docs' command lines give: each documented run of a script
    adds its saves and loads with the values it writes out (`run_mlm.py
    --output_dir=pretrained/` saves to 'pretrained/'; `--save_model_name=lm2.pdparams`
    replaces the option's default in the path). A script name two files share is not
    read: which one runs is not said."""
    from ftlint.doc_commands import documented_values

    if not runs:
        return roles
    shared = _shared_names(files)
    bound = dict(roles)
    for path in files:
        name = Path(path).name
        documented = documented_values(runs, name) if name not in shared else []
        if documented:
            role = roles[path]
            bound[path] = replace(role, saves=_with_runs(role.saves, documented, role.defaults),
                                  loads=_with_runs(role.loads, documented, role.defaults))
    return bound


def _with_runs(facts: list[Fact], documented: list[tuple[dict[str, str], str]],
               defaults: Mapping[str, str]) -> list[Fact]:
    """The facts, each marked with the documented runs that change it, then their versions
    in those runs (attr "run": which one), so that a run's load is compared with that run's
    own saves."""
    originals, variants = [], []
    for fact in facts:
        changed = []
        for number, (values, doc) in enumerate(documented):
            run = _given(fact, values, Path(doc).name, defaults)
            if run is not fact:
                changed.append(number)
                variants.append(replace(run, attrs={**run.attrs, "run": number}))
        originals.append(replace(fact, attrs={**fact.attrs, "changed_in": tuple(changed)})
                         if changed else fact)
    return originals + variants


def _same_run(save: Fact, load: Fact) -> bool:
    """The save happens in the run the load belongs to (a load outside the docs' runs is
    compared with the code's own saves)."""
    run = load.attr("run")
    if run is None:
        return save.attr("run") is None
    return save.attr("run") == run or (save.attr("run") is None
                                       and run not in save.attr("changed_in", ()))


def _given(fact: Fact, values: Mapping[str, str], doc: str, defaults: Mapping[str, str]) -> Fact:
    """The fact as one documented run makes it: holes named by an option filled with its
    value, or an option's default written in a known path replaced by the given value."""
    template, holes = _template(fact), fact.attr("holes", ())
    if not template:
        return fact
    if fact.value.known or _HOLE not in template:
        for option, value in values.items():
            default = defaults.get(option, "")
            if len(default) >= 4 and default in template and value != default:
                filled = template.replace(default, value)
                return replace(fact, value=Value(filled, "documented"), attrs={
                    **fact.attrs, "template": filled, "given": f"{doc} gives --{option} {value}"})
        return fact
    pieces = template.split(_HOLE)
    if len(pieces) - 1 != len(holes):  # collapsed holes: only a leading folder is certain
        if not holes or not template.startswith(_HOLE) or holes[0] not in values:
            return fact
        pieces, holes = ["", _HOLE.join(pieces[1:])], holes[:1]
    filled, given = pieces[0], ""
    for hole, piece in zip(holes, pieces[1:], strict=True):
        if hole in values:
            value = values[hole]
            filled += value.rstrip("/") if piece.startswith("/") else value
            given = given or f"{doc} gives --{hole} {value}"
        else:
            filled += _HOLE
        filled += piece
    if not given:
        return fact
    return replace(fact, attrs={**fact.attrs, "template": filled, "given": given})


def _shared_names(files: list[str]) -> set[str]:
    counts = Counter(Path(f).name for f in files)
    return {name for name, count in counts.items() if count > 1}


def _one_of_several(matched: list[PairLink], loader: str,
                    documented: Callable[[str], str]) -> list[PairLink]:
    """Several scripts write the file name a load reads from a run-time folder (every
    Hugging Face-style script writes `{}/pytorch_model.bin`): the name says which only when
    one of them is named as pretraining, or when a document runs it before the loader with
    the loader's checkpoint option (documented(producer): that document's name, or '');
    the others are listed."""
    beside = {_key(p) for p in _near(loader, [m.pretrain for m in matched])}
    high = {_key(m.pretrain) for m in matched if m.confidence == "high"}
    if len(high) >= 2 and len(high & beside) == 1:  # copies of a project: the one beside it
        return [m if _key(m.pretrain) in beside or m.confidence != "high" else
                PairLink(m.pretrain, m.finetune, f"{m.reason}; a script beside "
                         f"{Path(loader).name} writes it too", "low") for m in matched]
    # several scripts that write the very path (their defaults agree) are as undecided
    level = "high" if len(high) >= 2 else "medium"
    medium = high if level == "high" else {
        _key(m.pretrain) for m in matched if m.confidence == "medium"}
    if len(medium) < 2:
        return matched
    named = {_key(m.pretrain) for m in matched if _named_pretraining(m.pretrain, loader)
             and _key(m.pretrain) in medium}
    if not named:  # `ucr.py` and `uea.py` write it, `transfer_ucr.py` reads it: the name
        named = {_key(m.pretrain) for m in matched if _key(m.pretrain) in medium
                 and _model_words(m.pretrain) & _model_words(loader)}
        named = named if len(named) == 1 else set()
        why = "the only one whose name shares a word with " + Path(loader).name
    else:
        why = "the only one named as pretraining"
    kept = []
    producers = [m.pretrain for m in matched]
    for m in matched:
        doc = documented(m.pretrain) if m.confidence == level and _names_agree(
            m.pretrain, loader, producers) else ""
        if m.confidence != level:
            kept.append(m)
        elif doc:
            kept.append(PairLink(m.pretrain, m.finetune, f"{m.reason}; {len(medium)} scripts "
                                 f"write that name, and {doc} runs {Path(m.finetune).name} "
                                 f"after {Path(m.pretrain).name}", "medium"))
        elif len(named) == 1 and _key(m.pretrain) in named:
            kept.append(PairLink(m.pretrain, m.finetune, f"{m.reason}; of the {len(medium)} "
                                 f"scripts that write that name, {why}", "medium"))
        else:
            kept.append(PairLink(m.pretrain, m.finetune, f"{m.reason}; {len(medium)} scripts "
                                 "write that name", "low"))
    return kept


def _pieces(path: str) -> list[str]:
    last = path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return [piece for piece in _FIELD.split(last) if piece]


def _template(fact: Fact) -> str:
    """A save's or load's path template with every hole written the same way."""
    return _FIELD.sub(_HOLE, fact.attr("template") or "")


def _key_links(files: list[str], roles: dict[str, FileRole]) -> list[PairLink]:
    """Both scripts take the checkpoint path from one specific config key or option
    (`p['pretext_model']`): the one that saves there made what the other loads."""
    found: list[PairLink] = []
    for loader in files:
        role = roles[loader]
        if not (role.script and role.trains):
            continue
        for load in role.loads:
            # a key it saves the same file to itself: a resume (`linear_{name}` beside the
            # `{name}` it loads is another file)
            own = {k for f in role.saves if _template(f) == _template(load)
                   for k in f.attr("keys", ())}
            keys = set(load.attr("keys", ())) - own
            if not keys or _resumes(role, load):
                continue
            matched: dict[str, str] = {}  # saver -> the key it shares
            for saver in files:
                if _key(saver) == _key(loader) or not (roles[saver].script and roles[saver].trains):
                    continue
                for save in roles[saver].saves:
                    shared = keys & set(save.attr("keys", ()))
                    if shared and save.attr("checkpoint") and _own(save, saver) and _own(
                            load, loader):
                        matched[saver] = sorted(shared)[0]
                        break
            for saver in _near(loader, list(matched)):  # example_a/ and example_b/ alike
                found.append(PairLink(saver, loader, f"{Path(saver).name} saves and "
                                      f"{Path(loader).name} loads the checkpoint named by "
                                      f"'{matched[saver]}'", "medium"))
    return found


# -- options that take a pretrained checkpoint ------------------------------------------------
def _option_loads(role: FileRole) -> list[Fact]:
    """Loads whose path comes from a pretrained-checkpoint option that has no path of its
    own (default '' or None): which file it gets is decided on the command line."""
    return [f for f in role.loads if f.attr("argument") == "pretrained"
            and (not _where(f) or _placeholder(f) or _remote(f))]


def _remote(fact: Fact) -> bool:
    """An option defaulting to a URL (the authors' hosted checkpoint): no file of the project,
    so a local checkpoint it reads is one given on the command line."""
    return bool(re.match(r"(https?|s3|gs)://", _where(fact)))


def _placeholder(fact: Fact) -> bool:
    """An option default that says "no checkpoint" ('random', 'none', 'scratch')."""
    from ftlint.extract.knowledge import NO_CHECKPOINT_WORDS

    value = fact.value
    return (value.known and isinstance(value.value, str)
            and value.value.strip().lower() in NO_CHECKPOINT_WORDS)


def _producers(files: list[str], roles: dict[str, FileRole], loader: str) -> list[str]:
    """Other scripts that train and save a checkpoint, and do not themselves always start
    from a checkpoint given on the command line (those are fine-tuning scripts too) unless
    named as pretraining (continued pretraining from BERT's checkpoint is pretraining)."""
    return [p for p in files if _key(p) != _key(loader) and roles[p].script
            and roles[p].trains and any(f.attr("checkpoint") for f in roles[p].saves)
            and (not _always_given(roles[p]) or _named_pretraining(p, loader))]


def _near(loader: str, producers: list[str]) -> list[str]:
    """The candidates beside the loader when there are any (listed; the count that decides
    the confidence is over the whole project)."""
    near = [p for p in producers if os.path.dirname(_key(p)) == os.path.dirname(_key(loader))]
    return near or producers


def _named_together(runs: Mapping[str, list], producer: str, loader: str, option: str,
                    shared_names: set[str]) -> str:
    """A README or run script that runs the producer and later the loader with its checkpoint
    option (or one named like it: a README's flag can lag the code): support for a link
    found in the code, never a link. `runs`: doc_commands.document_runs of the docs. A
    script name several files share (`chem/finetune.py`, `bio/finetune.py`) is read as
    the one beside the other script of the pair."""
    from ftlint.doc_commands import runs_before
    from ftlint.extract.knowledge import HUB_OR_PATH_OPTIONS, PRETRAINED_ARGUMENTS

    names = Path(producer).name, Path(loader).name
    if names[0] == names[1] or (set(names) & shared_names and os.path.dirname(
            _key(producer)) != os.path.dirname(_key(loader))):
        return ""
    flags = frozenset({option.replace("-", "_")}) | PRETRAINED_ARGUMENTS
    chained = option in HUB_OR_PATH_OPTIONS  # every Hugging Face stage reads this one option
    for doc, doc_runs in runs.items():
        if runs_before(doc_runs, names[0], names[1], flags, chained):
            return Path(doc).name
    return ""


# Words of script names that say which step a script is, not which model it trains
_STEP_WORDS = frozenset({"pretrain", "pretraining", "pre", "finetune", "finetuning", "fine",
                         "tune", "tuning", "train", "training", "main", "run", "eval",
                         "evaluate", "linear", "lincls", "probe", "probing", "downstream",
                         "test", "script", "model", "ft", "pt"})


def _name_words(path: str) -> set[str]:
    return set(re.split(r"[_\-.]+", Path(path).stem.lower())) - {""}


def _model_words(path: str) -> set[str]:
    return _name_words(path) - _STEP_WORDS


def _names_agree(producer: str, loader: str, producers: list[str]) -> bool:
    """Script names that say which model: when some pretraining scripts share a word with
    the loader (`pretrain_gin_masking.py` and `finetune_gin.py`), the others
    (`pretrain_gt_dgi.py`) are not the ones a document's order supports (a shell loop that
    picks the script by the checkpoint's name is not read)."""
    mine = _model_words(loader)
    sharing = [p for p in producers if _pretraining_name(p) and _model_words(p) & mine]
    return not sharing or producer in sharing


_CONSUMER_WORDS = frozenset({"finetune", "finetuning", "linear", "lincls", "probe", "probing",
                             "downstream", "transfer", "evaluation", "eval"})


def _consumer_name(path: str) -> bool:
    """The name says the script uses a pretrained model (linear_evaluation.py,
    transfer_learning.py, finetune_x.py) and not that it pretrains."""
    return bool(_name_words(path) & _CONSUMER_WORDS) and not _pretraining_name(path)


def _named_pretraining(producer: str, loader: str) -> bool:
    """The producer's name says it pretrains and the loader's does not, or the producer's
    folder does and the loader's does not (`pretrain_PI/TAE.py`, `finetune/finetune.py`).
    A name tells which of the candidates the code found, never that there is a link."""
    if _pretraining_name(loader):
        return False
    return _pretraining_name(producer) or (
        _pretraining_folder(producer) and not _pretraining_folder(loader)
        and not _consumer_name(producer))


# Words that name a pretraining objective rather than a step: `run_mlm.py`, `train_ssl.py`
_PRETRAINING_WORDS = frozenset({"mlm", "ssl", "selfsup", "pretext"})


def _pretraining_name(path: str) -> bool:
    """The file says it pretrains: its optional checkpoint option is a warm start. A
    masked-language-modelling or self-supervised script (`run_mlm.py`, `train_ssl.py`)
    pretrains by its objective, unless its name says it uses a pretrained model
    (`ssl_finetune.py`)."""
    name = Path(path).stem.lower().replace("-", "_")
    if "pretrain" in name or "pre_train" in name:
        return True
    words = _name_words(path)
    return bool(words & _PRETRAINING_WORDS) and not words & _CONSUMER_WORDS


def _pretraining_folder(path: str) -> bool:
    folder = Path(path).parent.name.lower().replace("-", "_")
    return "pretrain" in folder or "pre_train" in folder


def _option_links(files: list[str], roles: dict[str, FileRole],
                  runs: Mapping[str, list]) -> list[PairLink]:
    from ftlint.extract.knowledge import HUB_OR_PATH_OPTIONS

    shared_names = _shared_names(files)
    scripts = {Path(p).name for p in files if roles[p].script}  # a stage the docs run is one
    found: list[PairLink] = []
    written: list[str] | None = None
    for loader in files:
        role = roles[loader]
        if not (role.script and role.trains):
            continue
        loads = _option_loads(role)
        default = "its default is a URL" if loads and all(map(_remote, loads)) else "no default"
        if not loads:
            if written is None:  # what the project's scripts save, looked at once
                written = [t for p in files if roles[p].script and roles[p].trains
                           for f in roles[p].saves if f.attr("checkpoint")
                           and isinstance(t := f.attr("template"), str)]
            loads = _outside_default(role, loader, runs, written)
            if loads:
                default = f"its default {_where(loads[0])!r} is made by no script here"
        if not loads:
            continue
        option = loads[0].attr("option") or next((h for h in loads[0].attr("holes", ()) if h), "?")
        producers = _producers(files, roles, loader)
        if all(f.attr("format") == "pickle" for f in loads):  # an unpickled model: only a
            # script that pickles its checkpoint wrote it (not torch.save, save_pretrained)
            producers = [p for p in producers if any(
                f.attr("format") == "pickle" and f.attr("checkpoint") for f in roles[p].saves)]
        named = {p: f"{doc} runs {Path(loader).name} after {Path(p).name}" for p in producers
                 if (doc := _named_together(runs, p, loader, option, shared_names))
                 and _names_agree(p, loader, producers)}
        pretraining = [p for p in producers if _named_pretraining(p, loader)]
        if len(pretraining) == 1:  # the one script named as pretraining is the producer
            # (`run_mlm.py`); the docs' order of the others is that of the README's sections
            named = {p: why for p, why in named.items() if p in pretraining}
        for producer, verdict in _documented_path(runs, loader, option, producers,
                                                  roles).items():
            if verdict:
                named.setdefault(producer, verdict)
            else:
                named.pop(producer, None)
        near = _near(loader, producers)
        upstream = any(_named_pretraining(p, loader) for p in near)
        for producer in dict.fromkeys(near + list(named)):
            why, confidence, kind = _option_evidence(producer, producers, loader, roles, loads)
            if option in HUB_OR_PATH_OPTIONS and confidence == "medium" and (
                    kind == "named" or not _named_pretraining(producer, loader)
                    or _stages_between(runs, producer, loader, option, scripts)):
                # one more clue: a name beside the only producer, or a doc (a pipeline of
                # Hugging Face stages all start from --model_name_or_path: pretraining is
                # named, but which stage feeds which is in the docs)
                why, confidence = f"{why}; '{option}' names a hub model as often as a path", "low"
            why = f"{Path(loader).name} reads its checkpoint from '{option}' ({default}){why}"
            if kind == "both given" and (upstream or _consumer_name(producer)):
                named.pop(producer, None)  # siblings fed by a pretraining script (or a
                # probe and a transfer run of one encoder): the docs' order shows the steps,
                # not that one feeds the other
            if producer in named:  # the docs run the two in this order: they say which
                why += f"; {named[producer]}"
                confidence = "medium"
            found.append(PairLink(producer, loader, why, confidence))
    return found


def _outside_default(role: FileRole, loader: str, runs: Mapping[str, list],
                     written: list[str]) -> list[Fact]:
    """Loads from a pretrained-checkpoint option whose default is a file no script here
    writes (the downloaded base model, `./pretrained_model/bert`) while the docs run the
    loader with another value for it: which checkpoint it reads is decided on the command
    line, as with an empty default."""
    from ftlint.doc_commands import documented_values

    found = []
    for load in role.loads:
        option, default = load.attr("option"), _where(load)
        if load.attr("argument") != "pretrained" or not option or not default or any(
                same_place(t, default) for t in written):
            continue
        given = {values.get(option.replace("-", "_")) for values, _ in
                 documented_values(runs, Path(loader).name)} - {None}
        if any(value != default and not _PLACEHOLDER.search(value) for value in given):
            found.append(load)
    return found


def _stages_between(runs: Mapping[str, list], producer: str, loader: str, option: str,
                    scripts: set[str]) -> bool:
    """Between the docs' run of the producer and the loader's run with the option, another
    stage was itself run with it and given another value (pretraining, then SFT, then the
    reward model): that stage, not the producer, is what the loader reads. Two fine-tuning
    scripts given the same checkpoint are siblings."""
    from ftlint.extract.knowledge import PRETRAINED_ARGUMENTS

    flags = frozenset({option.replace("-", "_")}) | PRETRAINED_ARGUMENTS
    name, key = Path(loader).name, option.replace("-", "_")
    for doc_runs in runs.values():
        used = min((r for r in doc_runs if r.script == name and r.flags & flags),
                   key=lambda r: r.position, default=None)
        start = min((r.position for r in doc_runs if r.script == Path(producer).name),
                    default=None)
        if used is None or start is None:
            continue
        mine = dict(used.values).get(key)
        for r in doc_runs:
            theirs = dict(r.values).get(key)
            if r.script in scripts and r.script not in (name, Path(producer).name) and \
                    r.flags & flags and \
                    start < r.position < used.position and not (mine and theirs == mine):
                return True  # (given the same checkpoint, the two are siblings)
    return False


def _documented_path(runs: Mapping[str, list], loader: str, option: str,
                     producers: list[str], roles: dict[str, FileRole]) -> dict[str, str]:
    """What the docs' own value for the loader's checkpoint option says of each producer
    (`train_linear_evaluation.py --checkpoint=./checkpoint/relationnet/...tar`): why, when
    only this producer's saves can write that path; "" when another producer's can and its
    own saves all have a shape that cannot (it saves `./backbone.tar`). A value the docs
    leave to a shell variable, one no producer writes, or saves whose shape is unknown, say
    nothing."""
    from ftlint.doc_commands import documented_values

    wanted = option.replace("-", "_")
    values = [(given[wanted], doc) for given, doc in documented_values(runs, Path(loader).name)
              if not _PLACEHOLDER.search(given.get(wanted, "$"))]
    found: dict[str, str] = {}
    for value, doc in values:
        matching, other = [], []
        for producer in producers:
            templates = [f.attr("template") for f in roles[producer].saves
                         if f.attr("checkpoint") and isinstance(f.attr("template"), str)]
            if any(_shaped(t) and same_place(t, value) for t in templates):
                matching.append(producer)
            elif templates and all(_shaped(t) for t in templates):
                other.append(producer)
        if not matching:
            continue  # a placeholder or a renamed file (`path/to/model.pth`): says nothing
        for producer in other:  # the value is one of the others' paths, not theirs
            found.setdefault(producer, "")
        if len(matching) == 1:  # a value several producers could write tells no one apart
            found[matching[0]] = (f"{Path(doc).name} gives {Path(loader).name} '{value}', "
                                  f"a path {Path(matching[0]).name} saves")
    return found


_PLACEHOLDER = re.compile(r"[$<>{}]|path/to|your_|/to/")  # `<path_to_ssp_model>`, `$CKPT`


def _shaped(template: str) -> bool:
    """A saved path with a name of its own, not only holes (`{=path@0~save}`)."""
    return bool(re.search(r"[A-Za-z0-9]", re.sub(r"\{[^}]*\}", "", template)))


def _option_evidence(producer: str, producers: list[str], loader: str,
                     roles: dict[str, FileRole], loads: list[Fact]) -> tuple[str, str, str]:
    """What the code alone says of a producer for a loader's checkpoint option: the
    evidence, its confidence and its kind."""
    name = Path(producer).name
    if _pretraining_name(loader) and all(f.attr("optional") for f in loads):
        return (f", an optional warm start of a pretraining script; {name} trains and saves "
                "checkpoints", "low", "warm start")
    if (_option_loads(roles[producer]) and not _upstream(roles[producer], loads)
            and not _named_pretraining(producer, loader)):
        # the other script starts from a given checkpoint too: which came first is not in
        # the code
        return (f"; {name} trains and saves checkpoints, but also starts from one given on "
                "the command line", "low", "both given")
    if len(producers) == 1:
        return (f"; {name} is the only other script here that trains and saves a checkpoint",
                "medium", "only")
    if _named_pretraining(producer, loader) and sum(
            _named_pretraining(p, loader) for p in producers) == 1:
        return (f"; of the {len(producers)} scripts that train and save checkpoints, {name} "
                "is the only one named as pretraining", "medium", "named")
    return (f"; {name} is one of {len(producers)} scripts that train and save checkpoints",
            "low", "one of several")


def _always_given(role: FileRole) -> bool:
    loads = _option_loads(role)
    return bool(loads) and not any(f.attr("optional") for f in loads)


def _upstream(producer: FileRole, loads: list[Fact]) -> bool:
    """The producer starts from a given checkpoint only when asked, while the loader always
    does: the producer comes first (a pretraining run with an optional warm start)."""
    return all(f.attr("optional") for f in _option_loads(producer)) and not all(
        f.attr("optional") for f in loads)


def _optional_only(link: PairLink, roles: dict[str, FileRole]) -> bool:
    """The fine-tuning side loads its checkpoint only under a condition."""
    loads = [f for f in roles[link.finetune].loads if f.attr("argument") == "pretrained"
             or _where(f)]
    return bool(loads) and all(f.attr("optional") for f in loads)


def _one_direction(links: list[PairLink], roles: dict[str, FileRole]) -> list[PairLink]:
    """A -> B and B -> A: keep the direction whose fine-tuning side always loads (the other
    starts from a checkpoint only when asked); with no such difference, both are listed as
    low unless both are high."""
    by_key = {(_key(link.pretrain), _key(link.finetune)): link for link in links}
    kept = []
    for (a, b), link in by_key.items():
        back = by_key.get((b, a))
        if back is None:
            kept.append(link)
            continue
        mine, theirs = _optional_only(link, roles), _optional_only(back, roles)
        if mine != theirs:
            if not mine:
                kept.append(link)
        elif link.confidence == back.confidence == "high":
            kept.append(link)
        elif CONFIDENCE.index(link.confidence) < CONFIDENCE.index(back.confidence):
            kept.append(link)  # the stronger evidence decides the direction
        elif link.confidence != back.confidence:
            if link.confidence == "low":
                kept.append(link)  # the weaker way stays listed
        else:  # which came first is not in the code: listed both ways, linted neither
            kept.append(PairLink(link.pretrain, link.finetune,
                                 f"{link.reason}; it also works the other way round", "low"))
    return kept


_SET_ASIDE_WORDS = frozenset({"backup", "bak", "old", "copy", "deprecated", "unused"})


def _set_aside(path: str) -> bool:
    """A file its name marks as a kept copy (`backup.py`, `train_old.py`, `finetune copy.py`):
    not a run anyone pairs (a configured pair still can)."""
    return bool(set(re.split(r"[_\-. ()]+", Path(path).stem.lower())) & _SET_ASIDE_WORDS)


def _launchers(files: list[str], roles: dict[str, FileRole]) -> set[str]:
    """Scripts that only start another script's training (`submitit_finetune.py` calling
    `main_finetune.main(args)`): the script they start is the partner, not them."""
    scripts = {_key(p): p for p in files if roles[p].script}
    found = set()
    for path in files:
        origins = {_key(o) for o in roles[path].trained_in}
        called = {_key(c): names for c, names in roles[path].names_called.items()
                  if _key(c) in scripts}
        if origins and _key(path) not in origins and (origins & scripts.keys() or any(
                set(names) & set(roles[scripts[c]].training_units)
                for c, names in called.items())):  # it runs that script's training
            found.add(path)
    return found


def checkpoint_links(files: list[str], workspace, docs: Mapping[str, str] | None = None,
                     ) -> list[PairLink]:
    """Pairs linked by what the fine-tuning script loads (see the module docstring)."""
    from ftlint.doc_commands import document_runs

    roles = {path: role_of(workspace, path) for path in files}
    launchers = _launchers(files, roles)
    files = [path for path in files if path not in launchers and not _set_aside(path)]
    runs = document_runs(docs) if docs else {}
    best: dict[tuple[str, str], PairLink] = {}
    for link in (_path_links(files, _as_run(files, roles, runs), runs) + _key_links(files, roles)
                 + _option_links(files, roles, runs)):
        key = (_key(link.pretrain), _key(link.finetune))
        held = best.get(key)
        if held is None or CONFIDENCE.index(link.confidence) < CONFIDENCE.index(held.confidence):
            best[key] = link
    return _one_direction(list(best.values()), roles)


def discover(files: list[str], config: Config, workspace,
             docs: Mapping[str, str] | None = None) -> list[PairLink]:
    """Every pair among the files (configured pairs first, then checkpoint links)."""
    found: dict[tuple[str, str], PairLink] = {}
    for link in configured_pairs(config) + checkpoint_links(files, workspace, docs):
        found.setdefault((_key(link.pretrain), _key(link.finetune)), link)
    return list(found.values())


def partners(path: str, links: list[PairLink]) -> list[str]:
    """The other files of every linted pair this file belongs to."""
    key = _key(path)
    result = []
    for link in links:
        if not link.linted:
            continue
        if _key(link.pretrain) == key:
            result.append(link.finetune)
        elif _key(link.finetune) == key:
            result.append(link.pretrain)
    return result
