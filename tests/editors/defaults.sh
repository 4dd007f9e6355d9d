# Sourced by neovim/run.sh and code-server/run.sh: what both editors open by default
# (the pair fixture) and with which interpreter. Every value can be set from the environment.
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
: "${E2E_PYTHON:=$REPO/.venv/bin/python}"
: "${E2E_PYTHONPATH=}"
: "${E2E_WORKSPACE:=$REPO/tests/fixtures/editor_pair}"
: "${E2E_FILE:=finetune.py}"
: "${E2E_EXPECT:=10x the pretraining rate}"
: "${E2E_PARTNER:=}"
: "${E2E_PARTNER_EXPECT:=}"
