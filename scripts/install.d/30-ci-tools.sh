#!/usr/bin/env bash
# Tools the integration tests run for real (idempotent; everything lands in ignored build/):
# - Microsoft's SARIF Multitool (npm) validates `--output-format sarif`;
# - a wheelhouse of ftlint's build and runtime dependencies, so the pre-commit test builds
#   its hook environment from local files only (PIP_NO_INDEX), never from the network.
set -euo pipefail
cd "$(dirname "$0")/../.."
TOOLS=build/ci-tools
SARIF_VERSION=5.7.0
if ! "$TOOLS/node_modules/.bin/sarif-multitool" --version 2>/dev/null | grep -q "$SARIF_VERSION"; then
  mkdir -p "$TOOLS"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS" "@microsoft/sarif-multitool@$SARIF_VERSION"
fi
# the npm postinstall that marks the binary executable may be skipped by npm's script policy
chmod u+x "$TOOLS"/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool 2>/dev/null || true
"$TOOLS/node_modules/.bin/sarif-multitool" --version >/dev/null

.venv/bin/python -m pip download -q --disable-pip-version-check -d build/wheelhouse \
  "setuptools>=77" wheel .
rm -f build/wheelhouse/ftlint-*  # pre-commit builds ftlint itself from the repository
