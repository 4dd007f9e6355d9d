"""Score project-mode pairing on the repositories listed in repos.toml.

For each repository the text files of the listed commit are extracted from its git mirror
(into a temporary folder; nothing is written to this repository), `python -m ftlint
--show-pairs ROOT` runs at its top (ROOT: the folder `root` names, else the whole clone),
and the linked pairs are compared with the pairs its documentation names:

* found: named pairs that ftlint links and would lint (a low-confidence link is listed
  only, so it is counted apart as "listed");
* wrong: linked pairs neither named nor plausible, split into linted and listed-only.

    .venv/bin/python tests/pairing_corpus/score.py [--mirrors /work/.mirror] [--json]

A repository whose mirror is missing is reported and skipped. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# "a.py -> b.py  [medium] (evidence)"; "[low, not linted]" marks a listed-only link
TEXT_SUFFIXES = (".py", ".ipynb", ".md", ".rst", ".txt", ".sh", ".toml", ".cfg", ".yaml", ".yml")
PAIR_LINE = re.compile(r"^(?P<a>\S.*?) -> (?P<b>\S.*?)  (?:\[(?P<conf>[^\]]+)\] )?\((?P<why>.*)\)$")


def mirror_of(mirrors: Path, name: str) -> Path | None:
    repo = mirrors / name.replace("/", "+") / "repo"
    for candidate in (repo / ".git", repo):
        if (candidate / "HEAD").is_file():
            return candidate
    return None


def extract(git_dir: Path, commit: str, into: Path) -> None:
    """The repository's text files at commit (a mirror may lack its largest blobs)."""
    listing = subprocess.run(["git", "--git-dir", str(git_dir), "ls-tree", "-r", "-z", commit],
                             capture_output=True, check=True).stdout
    for entry in listing.decode("utf-8", "replace").split("\0"):
        if not entry or "\t" not in entry:
            continue
        meta, name = entry.split("\t", 1)
        mode, kind, blob = meta.split()
        if kind != "blob" or mode == "120000" or not name.endswith(TEXT_SUFFIXES):
            continue
        shown = subprocess.run(["git", "--git-dir", str(git_dir), "cat-file", "blob", blob],
                               capture_output=True)
        if shown.returncode == 0:
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(shown.stdout)


def show_pairs(repo: Path, root: str) -> list[dict]:
    """`ftlint --show-pairs ROOT` run at the repository's top, as a user in a clone would;
    paths come back relative to ROOT."""
    done = subprocess.run([sys.executable, "-m", "ftlint", "--show-pairs", root or "."],
                          cwd=repo, capture_output=True, text=True, timeout=600)
    prefix = f"{root.rstrip('/')}/" if root else ""
    if done.returncode not in (0, 2):
        raise RuntimeError(f"ftlint failed in {repo}: {done.stderr[-2000:]}")
    links = []
    for line in done.stdout.splitlines():
        match = PAIR_LINE.match(line)
        if match:
            confidence = (match["conf"] or "").split(",")[0].strip()
            a, b = match["a"].removeprefix(prefix), match["b"].removeprefix(prefix)
            links.append({"pair": f"{a} -> {b}", "confidence": confidence,
                          "linted": "not linted" not in (match["conf"] or ""),
                          "evidence": match["why"]})
    return links


def score(entry: dict, links: list[dict]) -> dict:
    named = set(entry.get("pairs", []))
    plausible = set(entry.get("plausible", []))
    linted = {link["pair"] for link in links if link["linted"]}
    listed = {link["pair"] for link in links if not link["linted"]}
    return {
        "repo": entry["name"], "named": sorted(named),
        "found": sorted(named & linted), "listed": sorted(named & listed),
        "missed": sorted(named - linted - listed),
        "wrong_linted": sorted(linted - named - plausible),
        "wrong_listed": sorted(listed - named - plausible),
        "plausible_linked": sorted((linted | listed) & plausible),
        "links": links,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--repos", type=Path, default=HERE / "repos.toml")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--only", help="score only repositories whose name contains this")
    args = parser.parse_args()
    entries = tomllib.loads(args.repos.read_text())["repo"]
    results, skipped = [], []
    for entry in entries:
        if args.only and args.only not in entry["name"]:
            continue
        git_dir = mirror_of(args.mirrors, entry["name"])
        if git_dir is None:
            skipped.append(entry["name"])
            continue
        with tempfile.TemporaryDirectory(prefix="ftlint-pairs-") as tmp:
            extract(git_dir, entry["commit"], Path(tmp))
            results.append(score(entry, show_pairs(Path(tmp), entry.get("root", ""))))
    totals = {key: sum(len(r[key]) for r in results)
              for key in ("named", "found", "listed", "missed", "wrong_linted", "wrong_listed",
                          "plausible_linked")}
    if args.json:
        print(json.dumps({"totals": totals, "repos": results, "skipped": skipped}, indent=2))
        return 0
    for r in results:
        print(f"{r['repo']}: found {len(r['found'])}/{len(r['named'])}"
              f", listed {len(r['listed'])}, wrong linted {len(r['wrong_linted'])}"
              f", wrong listed {len(r['wrong_listed'])}")
        for key in ("missed", "wrong_linted", "wrong_listed"):
            for pair in r[key]:
                print(f"    {key}: {pair}")
        for link in r["links"]:
            print(f"    link [{link['confidence'] or '-'}{'' if link['linted'] else ', listed'}]"
                  f" {link['pair']}: {link['evidence'][:150]}")
    named = totals["named"] or 1
    print(f"\n{len(results)} repositories, {totals['named']} named pairs: "
          f"found {totals['found']} ({100 * totals['found'] / named:.0f}%), "
          f"listed only {totals['listed']}, wrong linted {totals['wrong_linted']}, "
          f"wrong listed {totals['wrong_listed']}, plausible linked {totals['plausible_linked']}")
    if skipped:
        print(f"skipped (no mirror): {', '.join(skipped)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
