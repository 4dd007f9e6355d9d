"""ftlint reads code; it never imports, runs or unpickles what it analyses."""

from __future__ import annotations

import pickle


def test_analysed_scripts_are_never_run(run_cli, tmp_path):
    marker = tmp_path / "EXECUTED"
    payload = f"open({str(marker)!r}, 'w').write('ran')\n"
    (tmp_path / "helpers.py").write_text(payload + "def clean(t):\n    return t.lower()\n")
    (tmp_path / "train.py").write_text(
        payload + "import helpers\nimport torch\n"
        "opt = torch.optim.Adam(model.parameters(), lr=1e-4)\n"
        "torch.save(model.state_dict(), 'ckpt.pt')\n")
    (tmp_path / "finetune.py").write_text(
        payload + "from helpers import clean\nimport pickle\nimport torch\n"
        "state = pickle.load(open('state.pkl', 'rb'))\n"
        "model.load_state_dict(torch.load('ckpt.pt'))\n"
        "opt = torch.optim.Adam(model.parameters(), lr=1e-3)\n")

    class Boom:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    (tmp_path / "state.pkl").write_bytes(pickle.dumps(Boom()))
    result = run_cli("train.py", "finetune.py", cwd=tmp_path)
    assert "FT401" in result.stdout  # it did analyse them, following the import
    assert not marker.exists()
    result = run_cli(cwd=tmp_path)  # project mode reads every file of the folder
    assert not marker.exists()
