"""Cost that must grow with the file, not faster (issue 12): each module-level assignment
is evaluated once however often it is read, and each name's assignments are filtered
against dead branches once. These count evaluations; scripts/bench_growth.py times them."""

from __future__ import annotations

from ftlint.extract.evaluate import Evaluator
from ftlint.program import Workspace


def _dict_evaluations(tmp_path, reads: int, monkeypatch) -> int:
    body = ", ".join(f"'k{i}': {i}" for i in range(200))
    lines = ["import torch", f"CONFIG = {{{body}, 'lr': 1e-3}}", "if CONFIG['lr'] > 1:",
             "    CONFIG = {'lr': 5.0}"]
    lines += [f"opt{i} = torch.optim.Adam(m.parameters(), lr=CONFIG['lr'])" for i in range(reads)]
    (tmp_path / "config_heavy.py").write_text("\n".join(lines) + "\n")
    counted = {"dicts": 0}
    original = Evaluator._eval_Dict

    def counting(self, *args):
        counted["dicts"] += 1
        return original(self, *args)

    monkeypatch.setattr(Evaluator, "_eval_Dict", counting)
    facts = Workspace().module(str(tmp_path / "config_heavy.py")).facts
    assert sum(1 for f in facts if f.attr("lr") is not None) == reads  # every rate was read
    return counted["dicts"]


def test_a_config_dict_read_many_times_is_evaluated_once(tmp_path, monkeypatch):
    few = _dict_evaluations(tmp_path, 10, monkeypatch)
    many = _dict_evaluations(tmp_path, 400, monkeypatch)
    assert many == few, (few, many)  # not one evaluation per read


def test_the_value_read_is_still_the_live_assignment(tmp_path):
    """The memo keeps the dead-branch rule: `if CONFIG['lr'] > 1:` is dead, so the rate is
    the first dict's."""
    (tmp_path / "train.py").write_text(
        "import torch\nCONFIG = {'lr': 1e-3}\nif CONFIG['lr'] > 1:\n    CONFIG = {'lr': 5.0}\n"
        "opt = torch.optim.Adam(m.parameters(), lr=CONFIG['lr'])\n"
        "opt2 = torch.optim.Adam(m.parameters(), lr=CONFIG['lr'])\n")
    facts = Workspace().module(str(tmp_path / "train.py")).facts
    rates = [f.attr("lr") for f in facts if f.attr("lr") is not None]
    assert rates and all(r.known and r.value == 1e-3 for r in rates), rates
