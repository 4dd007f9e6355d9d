"""Project mode: files found (git-ignored, virtualenv and excluded folders skipped), pairs
found (configured, checkpoint links, two-phase files), each file parsed once, parallel
analysis equal to serial, progress bar, and the --hook entry pre-commit uses."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from ftlint import project, source
from ftlint.config import ConfigError, load_config
from ftlint.engine import Linter

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "project_mode"


@pytest.fixture
def copy(tmp_path) -> Path:
    target = tmp_path / "proj"
    shutil.copytree(FIXTURE, target)
    return target


def findings(run_cli, *args, cwd: Path) -> tuple[int, list[dict]]:
    done = run_cli(*args, "--output-format", "json", cwd=cwd)
    return done.returncode, json.loads(done.stdout)


def test_show_pairs_names_every_pair_and_why(run_cli, copy):
    done = run_cli("--show-pairs", cwd=copy)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines == [
        f"configured/base_model.py -> configured/adapt_model.py  [configured] "
        f"([[tool.ftlint.pairs]] in {copy / 'pyproject.toml'})",
        "text/pretrain.py -> text/finetune.ipynb  [high] (pretrain.py saves "
        "'checkpoints/reviews.pt', finetune.ipynb loads 'checkpoints/reviews.pt')",
        "vision/train.py -> vision/finetune.py  [high] (train.py saves "
        "'models/street_cnn.keras', finetune.py loads 'models/street_cnn.keras')",
        "experiments/two_phase.py  (two-phase file: fine-tuning from line 13)",
    ]


def test_project_mode_lints_every_pair(run_cli, copy):
    code, found = findings(run_cli, cwd=copy)
    assert code == 2  # legacy/broken.py has a syntax error
    by_file = {(f["path"], f["code"]) for f in found}
    assert by_file == {("experiments/two_phase.py", "FT401"), ("legacy/broken.py", "FT901"),
                       ("text/finetune.ipynb", "FT401"), ("vision/finetune.py", "FT401")}
    same = run_cli("proj", "--output-format", "json", cwd=copy.parent)
    assert {(Path(f["path"]).relative_to("proj").as_posix(), f["code"])
            for f in json.loads(same.stdout)} == by_file


def test_exclude_globs_from_command_line_and_config(run_cli, copy):
    code, found = findings(run_cli, "--exclude", "legacy", "--exclude", "*/two_*.py", cwd=copy)
    assert code == 1
    assert {f["path"] for f in found} == {"text/finetune.ipynb", "vision/finetune.py"}
    pyproject = copy / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace(
        "[tool.ftlint]\n", '[tool.ftlint]\nexclude = ["legacy/*", "vision"]\n'))
    code, found = findings(run_cli, cwd=copy)
    assert {f["path"] for f in found} == {"text/finetune.ipynb", "experiments/two_phase.py"}


def test_gitignored_and_virtualenv_folders_are_skipped(run_cli, copy):
    broken = "def f(:\n"
    for folder in ("myenv/lib", "node_modules/pkg", ".cache", "generated"):
        (copy / folder).mkdir(parents=True)
        (copy / folder / "bad.py").write_text(broken)
    (copy / "myenv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (copy / ".gitignore").write_text("generated/\nlegacy/\n")
    code, found = findings(run_cli, cwd=copy)
    assert "generated/bad.py" in {f["path"] for f in found}  # not a git repository yet
    subprocess.run(["git", "init", "-q"], cwd=copy, check=True)
    code, found = findings(run_cli, cwd=copy)
    assert code == 1
    assert not any(f["path"].startswith(("myenv", "node_modules", ".cache", "generated",
                                         "legacy")) for f in found)
    assert len(found) == 3


def test_each_file_is_parsed_once(copy, monkeypatch):
    parsed: list[str] = []
    original = source.parse_text

    def counting(path, text, cache=None):
        parsed.append(Path(path).resolve().as_posix())
        return original(path, text, cache)

    monkeypatch.setattr(source, "parse_text", counting)
    config = load_config(copy)
    files = project.project_files([copy], config)
    workspace = project.analyse(files, config, workers=1)
    plan = project.project_plan(files, config, workspace)
    Linter(config, workspace=workspace).run(
        [(link.pretrain, link.finetune) for link in plan.pairs], plan.scripts)
    assert len(files) == 9
    assert sorted(parsed) == sorted(Path(f).resolve().as_posix() for f in files)


def _big_project(folder: Path, copies: int) -> None:
    for number in range(copies):
        shutil.copytree(FIXTURE, folder / f"team{number}",
                        ignore=shutil.ignore_patterns("pyproject.toml", "legacy"))


def test_parallel_analysis_equals_serial(run_cli, tmp_path):
    _big_project(tmp_path, 6)
    files = project.project_files([tmp_path], load_config(tmp_path))
    assert project.choose_workers(files) >= 1
    serial = run_cli(tmp_path, "--output-format", "json", "--jobs", "1")
    parallel = run_cli(tmp_path, "--output-format", "json", "--jobs", "2")
    assert serial.returncode == parallel.returncode == 1
    assert json.loads(serial.stdout) == json.loads(parallel.stdout)
    assert len(json.loads(serial.stdout)) == 6 * 3


def test_parallel_summaries_come_from_worker_processes(tmp_path):
    _big_project(tmp_path, 2)
    config = load_config(tmp_path)
    files = project.project_files([tmp_path], config)
    serial = project.analyse(files, config, workers=1)
    parallel = project.analyse(files, config, workers=2)
    for path in files:
        assert parallel.summary(path).whole == serial.summary(path).whole
        assert parallel.summary(path).phases == serial.summary(path).phases


def test_spawned_workers_give_the_forked_workers_summaries(tmp_path):
    # macOS and Windows spawn their workers: nothing may rely on a fork's inherited state
    _big_project(tmp_path, 2)
    config = load_config(tmp_path)
    files = project.project_files([tmp_path], config)
    progress = project.Progress(len(files), enabled=False)
    forked, read_forked = project._in_workers(files, config, 2, progress, method="fork")
    spawned, read_spawned = project._in_workers(files, config, 2, progress, method="spawn")
    assert [s.path for s in forked] == [s.path for s in spawned] == files
    assert read_forked == read_spawned
    for one, other in zip(forked, spawned, strict=True):
        assert (one.whole, one.phases, one.link_facts, one.role) == (
            other.whole, other.phases, other.link_facts, other.role)


def test_jobs_make_byte_identical_output_over_the_corpus(run_cli):
    corpus = ROOT / "tests" / "corpus" / "cases"
    serial = run_cli("--no-cache", "--output-format", "json", "--jobs", "1", corpus)
    parallel = run_cli("--no-cache", "--output-format", "json", "--jobs", "2", corpus)
    assert serial.returncode == parallel.returncode
    assert serial.stdout == parallel.stdout and json.loads(serial.stdout)


def test_jobs_setting_and_option(tmp_path, monkeypatch):
    from ftlint import cli

    _big_project(tmp_path, 1)
    (tmp_path / "pyproject.toml").write_text("[tool.ftlint]\njobs = 1\n")
    assert load_config(tmp_path).jobs == 1
    asked = []
    real = project.analyse

    def analyse(files, config, workers=None, progress=None):
        asked.append(workers)
        return real(files, config, workers=1, progress=progress)

    monkeypatch.setattr(project, "analyse", analyse)
    monkeypatch.chdir(tmp_path)
    cli.main(["--no-cache", "--output-format", "json", "."])
    cli.main(["--no-cache", "--output-format", "json", "--jobs", "3", "."])
    cli.main(["--no-cache", "--output-format", "json", "--jobs", "0", "."])
    assert asked == [1, 3, None]  # the setting; the option over it; 0: chosen by size
    for bad in ("jobs = -1", "jobs = true", "jobs = 'all'"):
        (tmp_path / "pyproject.toml").write_text(f"[tool.ftlint]\n{bad}\n")
        with pytest.raises(ConfigError):
            load_config(tmp_path)


def test_workers_never_outnumber_the_files(tmp_path, monkeypatch):
    _big_project(tmp_path, 1)
    config = load_config(tmp_path)
    files = project.project_files([tmp_path], config)[:1]
    monkeypatch.setattr(project, "_in_workers", None)  # one file: no pool is started
    assert project.analyse(files, config, workers=4).summary(files[0]).path == files[0]


def test_small_projects_stay_in_one_process(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    assert project.choose_workers([str(tmp_path / "a.py")]) == 1


def test_progress_bar_only_when_asked_and_slow(capsys):
    quiet = project.Progress(10, enabled=True, delay=60)
    quiet.advance(10)
    quiet.close()
    assert capsys.readouterr().err == ""
    shown = project.Progress(4, enabled=True, delay=0)
    shown.advance(2)
    assert "[###############...............] 2/4 files" in capsys.readouterr().err
    shown.close()
    assert capsys.readouterr().err.startswith("\r")


def test_no_progress_bar_off_a_terminal(run_cli, copy):
    done = run_cli(cwd=copy)
    assert done.stderr == ""


def test_hook_lints_the_pair_of_a_staged_file(run_cli, copy):
    code, found = findings(run_cli, "--hook", "vision/finetune.py", cwd=copy)
    assert code == 1 and [(f["path"], f["code"]) for f in found] == [
        ("vision/finetune.py", "FT401")]
    code, found = findings(run_cli, "--hook", "text/pretrain.py", cwd=copy)
    assert code == 1 and found[0]["path"] == "text/finetune.ipynb"
    shown = run_cli("--hook", "--show-pairs", "vision/train.py", "configured/adapt_model.py",
                    cwd=copy)
    assert "vision/train.py -> vision/finetune.py" in shown.stdout
    assert "configured/base_model.py -> configured/adapt_model.py" in shown.stdout


def test_hook_ignores_files_in_no_pair_with_one_phase(run_cli, copy):
    done = run_cli("--hook", "experiments/plot_metrics.py", "legacy/broken.py", "README.md",
                   cwd=copy)
    assert done.returncode == 0, done.stdout
    assert "All checks passed (0 files)" in done.stdout
    code, found = findings(run_cli, "--hook", "experiments/two_phase.py", cwd=copy)
    assert code == 1 and found[0]["code"] == "FT401"


def test_hook_reads_other_files_only_for_checkpoints(copy, monkeypatch):
    read: list[str] = []
    original = source.parse_text
    monkeypatch.setattr(source, "parse_text",
                        lambda path, text, cache=None: read.append(path) or original(path, text))
    config = load_config(copy)
    project.hook_plan([str(copy / "experiments/plot_metrics.py")], config)
    assert [Path(p).name for p in read] == ["plot_metrics.py"]
    read.clear()
    plan, _ = project.hook_plan([str(copy / "vision/train.py")], config)
    # only files mentioning 'street_cnn.keras' are parsed besides the staged one
    assert sorted(Path(p).relative_to(copy).as_posix() for p in read) == [
        "vision/finetune.py", "vision/train.py"]
    assert [Path(link.finetune).name for link in plan.pairs] == ["finetune.py"]


def test_hook_skips_excluded_files(run_cli, copy):
    pyproject = copy / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace(
        "[tool.ftlint]\n", '[tool.ftlint]\nexclude = ["experiments"]\n'))
    done = run_cli("--hook", "experiments/two_phase.py", cwd=copy)
    assert done.returncode == 0 and "All checks passed (0 files)" in done.stdout
