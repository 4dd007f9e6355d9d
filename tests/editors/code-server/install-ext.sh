#!/usr/bin/env bash
# Install the .vsix (E2E_VSIX, default vscode-extension/ftlint.vsix) into $E2E_STATE/extensions.
set -euo pipefail
source "$(dirname "$0")/env.sh"

if [ ! -x "$CODE_SERVER" ]; then
  echo "code-server not found at $CODE_SERVER: run scripts/install.d/20-editors.sh or set E2E_CODE_SERVER" >&2
  exit 2
fi
if [ ! -f "$E2E_VSIX" ]; then
  echo "no .vsix at $E2E_VSIX: build it (bash scripts/install.d/20-editors.sh)" >&2
  exit 2
fi
timeout 120 "$CODE_SERVER" "${CS_ARGS[@]}" --install-extension "$E2E_VSIX" --force
timeout 60 "$CODE_SERVER" "${CS_ARGS[@]}" --list-extensions --show-versions
