#!/usr/bin/env bash
# Open E2E_FILE in headless Neovim with the language server attached, wait for the
# expected diagnostics, print them as JSON and exit 0; non-zero on failure.
# All parameters are environment variables; see ../README.md.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/../defaults.sh"
: "${E2E_SERVER_CMD:=$(printf '%q' "$E2E_PYTHON") -m ftlint lsp}"
: "${E2E_TIMEOUT_S:=20}"
: "${E2E_NVIM:=nvim}"
E2E_STATE="${E2E_STATE:-$(mktemp -d "${TMPDIR:-/tmp}/editor-e2e-nvim.XXXXXX")}"
mkdir -p "$E2E_STATE"

# Server argv as JSON (shell-style quoting allowed in E2E_SERVER_CMD).
E2E_SERVER_ARGV="$(E2E_SERVER_CMD="$E2E_SERVER_CMD" python3 -c \
  'import json, os, shlex; print(json.dumps(shlex.split(os.environ["E2E_SERVER_CMD"])))')"
export E2E_SERVER_ARGV E2E_EXPECT E2E_PARTNER E2E_PARTNER_EXPECT
export E2E_OUT="$E2E_STATE/nvim-diagnostics.json"
export E2E_TIMEOUT_MS=$((E2E_TIMEOUT_S * 1000))
if [ -n "$E2E_PYTHONPATH" ]; then
  export PYTHONPATH="$E2E_PYTHONPATH${PYTHONPATH:+:$PYTHONPATH}"
fi
# Even with --clean, Neovim writes lsp.log, swap and state files under the XDG dirs.
export XDG_CONFIG_HOME="$E2E_STATE/xdg/config" XDG_DATA_HOME="$E2E_STATE/xdg/data" \
       XDG_CACHE_HOME="$E2E_STATE/xdg/cache" XDG_STATE_HOME="$E2E_STATE/xdg/state"
rm -f "$E2E_OUT"

cd "$E2E_WORKSPACE"
rc=0
timeout $((E2E_TIMEOUT_S + 30)) "$E2E_NVIM" --headless --clean -n -u "$HERE/init.lua" "$E2E_FILE" </dev/null || rc=$?
if [ -s "$E2E_OUT" ]; then
  cat "$E2E_OUT"
else
  echo "{\"status\": \"no-result\", \"nvim_rc\": $rc}"
fi
echo "nvim exit code $rc; state in $E2E_STATE; server log: $XDG_CACHE_HOME/nvim/lsp.log" >&2
exit "$rc"
