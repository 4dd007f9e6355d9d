"""`ftlint explain CODE`: a rule's explanation with its own bad and good examples."""

from __future__ import annotations

import textwrap

from ftlint.rule import Example, Rule


def _example(example: Example) -> str:
    if example.is_pair:
        body = (f"  # pretraining script\n{_indent(example.pretrain)}\n"
                f"  # fine-tuning script\n{_indent(example.finetune)}")
    else:
        body = _indent(example.script)
    for name, content in example.files:
        lines = content.splitlines()
        shown = lines[:2] + ([f"... ({len(lines)} lines)"] if len(lines) > 2 else [])
        body += f"\n  # data file {name}\n" + _indent("\n".join(shown))
    return body + (f"\n  ({example.note})" if example.note else "")


def _indent(code: str) -> str:
    return textwrap.indent(code.rstrip("\n"), "    ")


def explain(rule: Rule) -> str:
    parts = [f"{rule.code} {rule.name} [{rule.severity}]", "", rule.summary + ".", "",
             textwrap.fill(rule.explanation, 88, break_on_hyphens=False)]
    if rule.fixable:
        parts += ["", f"Fix ({rule.fixable}): `ftlint --fix` applies it" if rule.fixable == "safe"
                  else f"Fix ({rule.fixable}): applied by `ftlint --fix --unsafe-fixes`; offered "
                  "as a quick fix in the editor"]
    if rule.options:
        parts += ["", "Options ([tool.ftlint.options]): "
                  + ", ".join(f"{k} = {v!r}" for k, v in rule.options.items())]
    if rule.invalid:
        parts += ["", "Reported:", "\n\n".join(_example(e) for e in rule.invalid[:2])]
    if rule.valid:
        parts += ["", "Not reported:", "\n\n".join(_example(e) for e in rule.valid[:2])]
    return "\n".join(parts)
