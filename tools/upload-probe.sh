#!/usr/bin/env bash
# The upload probe of issue 27, item 5, repeatable: six parallel sends of the public form with ten 10 MB
# documents each, against a portal on its own SQLite directory and a clamd of its own. Prints the portal's
# resident memory before, at its peak and after, the bytes left on disk, and what each send was answered.
# Usage: tools/upload-probe.sh [parallel sends, default 6] [files per send, default 10]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SENDS="${1:-6}"
FILES="${2:-10}"
WORK="$(mktemp -d /tmp/hm-upload-probe.XXXXXX)"
cleanup() { [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null || true; [ -n "${CLAMD_PID:-}" ] && kill "$CLAMD_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
CLAMD_PORT="$(free_port)"; APP_PORT="$(free_port)"
mkdir -p "$WORK/clamdb" "$WORK/data" "$WORK/tmp"
echo 'Probe.Eicar:0:*:58354f2150254041505b345c505a58353428505e2937434329377d2445494341522d5354414e444152442d414e544956495255532d544553542d46494c452124482b482a' > "$WORK/clamdb/test.ndb"
printf 'Foreground yes\nTCPSocket %s\nTCPAddr 127.0.0.1\nDatabaseDirectory %s\nLogFile %s\nStreamMaxLength 50M\nUser root\n' "$CLAMD_PORT" "$WORK/clamdb" "$WORK/clamd.log" > "$WORK/clamd.conf"
/usr/sbin/clamd --config-file="$WORK/clamd.conf" >/dev/null 2>&1 & CLAMD_PID=$!
dotnet build -c Release "$ROOT/src/Herstelmeldpunt.Web" -v quiet -nologo >/dev/null
export ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_TEMP="$WORK/tmp" Database__DataDirectory="$WORK/data" \
  Documents__ClamAvHost=127.0.0.1 Documents__ClamAvPort="$CLAMD_PORT" Intake__MinimumFillTime=00:00:00 \
  Intake__RequestsPerAddress=100000 BackgroundJobs__Enabled=false
dotnet "$ROOT/src/Herstelmeldpunt.Web/bin/Release/net10.0/Herstelmeldpunt.Web.dll" --urls "http://127.0.0.1:$APP_PORT" >"$WORK/app.log" 2>&1 & APP_PID=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$APP_PORT/health/live" >/dev/null && break; sleep 0.5; done
for _ in $(seq 1 120); do (echo > "/dev/tcp/127.0.0.1/$CLAMD_PORT") 2>/dev/null && break; sleep 0.5; done
python3 "$ROOT/tools/upload-probe.py" "http://127.0.0.1:$APP_PORT" "$APP_PID" "$SENDS" "$FILES" "$WORK"
