# Sourced by install-ext.sh and run.sh. Settings, extensions, logs and results go under
# $E2E_STATE (default: a new directory in the system temp dir), never under $HOME; run.sh puts
# sockets and the browser profile in a short-lived temp dir it removes at the end.
CS_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$CS_HERE/../../.." && pwd)"

if [ -z "${E2E_STATE:-}" ]; then
  E2E_STATE="$(mktemp -d "${TMPDIR:-/tmp}/editor-e2e-vscode.XXXXXX")"
fi
mkdir -p "$E2E_STATE/user-data/User" "$E2E_STATE/extensions"
export E2E_STATE

# Without these the first run writes ~/.config/code-server/config.yaml and ~/.local/share/code-server.
export XDG_CONFIG_HOME="$E2E_STATE/xdg/config" XDG_DATA_HOME="$E2E_STATE/xdg/data" \
       XDG_CACHE_HOME="$E2E_STATE/xdg/cache" XDG_STATE_HOME="$E2E_STATE/xdg/state"

CODE_SERVER="${E2E_CODE_SERVER:-$CS_HERE/node_modules/.bin/code-server}"
E2E_VSIX="${E2E_VSIX:-$REPO/vscode-extension/ftlint.vsix}"
CS_ARGS=(--config "$E2E_STATE/config.yaml" --user-data-dir "$E2E_STATE/user-data" --extensions-dir "$E2E_STATE/extensions")
[ -f "$E2E_STATE/config.yaml" ] || printf 'auth: none\ncert: false\n' > "$E2E_STATE/config.yaml"
