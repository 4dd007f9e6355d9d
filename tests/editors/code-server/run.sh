#!/usr/bin/env bash
# Start code-server with the extension installed, open E2E_FILE in headless Chromium, wait for the
# expected diagnostic (squiggle + Problems panel), write $E2E_STATE/vscode-result.json, stop everything.
# Exit 0 when the expected diagnostics were seen. Parameters: see ../README.md.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$(dirname "$0")/../defaults.sh"
: "${E2E_TIMEOUT_S:=90}"
[ -n "${E2E_VSCODE_SETTINGS:-}" ] || E2E_VSCODE_SETTINGS='{}'
E2E_WORKSPACE="$(cd "$E2E_WORKSPACE" && pwd)"
E2E_PORT="${E2E_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
export E2E_PYTHON E2E_PYTHONPATH E2E_WORKSPACE E2E_FILE E2E_EXPECT E2E_PARTNER \
       E2E_PARTNER_EXPECT E2E_TIMEOUT_S E2E_VSCODE_SETTINGS

# 1. Install the .vsix once per state dir (again when it changes).
vsix_sum="$(sha256sum "$E2E_VSIX" 2>/dev/null | cut -d' ' -f1 || true)"
if [ -z "$vsix_sum" ] || [ "$(cat "$E2E_STATE/.vsix.sha256" 2>/dev/null || true)" != "$vsix_sum" ]; then
  "$CS_HERE/install-ext.sh" >"$E2E_STATE/install-ext.log" 2>&1 || { cat "$E2E_STATE/install-ext.log" >&2; exit 2; }
  echo "$vsix_sum" >"$E2E_STATE/.vsix.sha256"
fi

# 2. User settings: a quiet workbench plus the ftlint extension's settings (the interpreter that
#    runs `-m ftlint lsp`); E2E_VSCODE_SETTINGS (a JSON object) is merged last.
python3 - "$E2E_STATE/user-data/User/settings.json" <<'PY'
import json, os, shlex, sys
env = os.environ
settings = {
    "workbench.startupEditor": "none",
    "security.workspace.trust.enabled": False,
    "telemetry.telemetryLevel": "off",
    "extensions.autoCheckUpdates": False,
    "extensions.autoUpdate": False,
    "extensions.ignoreRecommendations": True,
    "update.mode": "none",
    "workbench.enableExperiments": False,
    "workbench.tips.enabled": False,
    "chat.disableAIFeatures": True,
    "ftlint.interpreter": shlex.split(env["E2E_PYTHON"]),
    "ftlint.serverEnv": {"PYTHONPATH": env["E2E_PYTHONPATH"]} if env["E2E_PYTHONPATH"] else {},
}
settings.update(json.loads(env["E2E_VSCODE_SETTINGS"]))
with open(sys.argv[1], "w") as f:
    json.dump(settings, f, indent=2)
PY

# 3. code-server in its own process group, bounded by timeout; stopped by group on exit.
#    Its IPC sockets and Chromium's profile and SingletonSocket go to a short-lived TMPDIR with a
#    short path: a Unix socket path must stay under 108 bytes, so not under a deep E2E_STATE.
RUN_TMP="$(mktemp -d "${TMPDIR:-/tmp}/e2e.XXXXXX")"
export TMPDIR="$RUN_TMP"
T0=$(date +%s.%N)
setsid timeout $((E2E_TIMEOUT_S + 60)) "$CODE_SERVER" "${CS_ARGS[@]}" \
  --bind-addr "127.0.0.1:$E2E_PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override "$E2E_WORKSPACE" \
  >"$E2E_STATE/code-server.log" 2>&1 &
CS_PID=$!
stop_code_server() {
  kill -TERM -- "-$CS_PID" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 -- "-$CS_PID" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$CS_PID" 2>/dev/null || true
  wait "$CS_PID" 2>/dev/null || true
  rm -rf "$RUN_TMP"
}
trap stop_code_server EXIT

for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$E2E_PORT/healthz" && break
  kill -0 "$CS_PID" 2>/dev/null || { cat "$E2E_STATE/code-server.log" >&2; exit 2; }
  sleep 0.5
done
echo "code-server healthy on port $E2E_PORT after $(python3 -c "import time; print(round(time.time() - $T0, 1))") s" >&2

# 4. Drive the workbench.
export E2E_URL="http://127.0.0.1:$E2E_PORT/?folder=$E2E_WORKSPACE"
export E2E_OUT="${E2E_OUT:-$E2E_STATE/vscode-result.json}"
export E2E_SCREENSHOT="${E2E_SCREENSHOT:-$E2E_STATE/vscode.png}"
rc=0
timeout $((E2E_TIMEOUT_S + 30)) node "$CS_HERE/driver/drive.mjs" || rc=$?
echo "total $(python3 -c "import time; print(round(time.time() - $T0, 1))") s, rc=$rc; state in $E2E_STATE" >&2
exit "$rc"
