#!/usr/bin/env bash
# Editors for the end-to-end tests (tests/editors): Neovim, Chromium, the VS Code extension
# packaged as vscode-extension/ftlint.vsix, code-server 4.100.3 and playwright-core.
# Idempotent: each step runs only when its result is missing or out of date. Offline-safe
# apart from the Debian and npm registries (see tests/editors/README.md for the pitfalls).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO="$(pwd)"

# 1. System packages. build-essential: node-gyp builds code-server's native modules.
need=()
command -v nvim >/dev/null || need+=(neovim)
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || need+=(chromium)
command -v curl >/dev/null || need+=(curl)
command -v make >/dev/null && command -v g++ >/dev/null || need+=(build-essential)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
if [ ${#need[@]} -gt 0 ]; then
  echo "apt-get install ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}"
fi
command -v node >/dev/null && command -v npm >/dev/null || {
  echo "Node.js 20 and npm are needed (code-server 4.100.3 and @vscode/vsce 3.9.1 run on Node 20)" >&2
  exit 1
}

# node_modules installed, and not older than the package files that pin its contents.
fresh() {
  local modules="$1"; shift
  [ -f "$modules/.package-lock.json" ] || return 1
  for file in "$@"; do [ "$file" -nt "$modules/.package-lock.json" ] && return 1; done
  return 0
}

# 2. The extension, when a source is newer: `npm run package` is `vsce package`, whose
#    vscode:prepublish step compiles (tsc + esbuild) into a dist/ removed first, so the
#    .vsix proves the standard packaging path works from a clean `npm ci`.
ext="$REPO/vscode-extension"
if [ ! -f "$ext/ftlint.vsix" ] || ! fresh "$ext/node_modules" "$ext/package-lock.json" || [ -n "$(find "$ext/src" "$ext/package.json" "$ext/esbuild.mjs" \
     "$ext/README.md" -newer "$ext/ftlint.vsix" 2>/dev/null)" ]; then
  (cd "$ext" && { fresh node_modules package-lock.json || npm ci --no-audit --no-fund; } \
     && rm -rf dist && npm run --silent package)
fi

# 3. code-server 4.100.3 and playwright-core (ripgrep seed, node headers, root install fixes).
cs="$REPO/tests/editors/code-server"
if ! (cd "$cs" && fresh node_modules package.json && cd driver && fresh node_modules package.json); then
  bash "$cs/install.sh"
fi
echo "editors ready: $(nvim --version | head -1), code-server $(node -p "require('$cs/node_modules/code-server/package.json').version"), $(basename "$ext/ftlint.vsix")"
