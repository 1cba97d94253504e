#!/usr/bin/env bash
# Compares the portal's CPU per request between two builds, on this noisy machine: both nodes side by side on one
# empty, migrated throw-away PostgreSQL database, background jobs off, the same path requested N times per round over
# one kept-alive connection, the order of A and B swapped every round, and each node's CPU read from /proc. Separate
# runs of one build move ±40% here; side by side, a build against itself differs by a few per cent (docs/figures.md,
# 2026-12-07 late morning). Run it with A and B the same build first to see this machine's spread.
#   dotnet publish src/Herstelmeldpunt.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /tmp/a
#   (change, publish again to /tmp/b)
#   tools/compare-builds.sh /tmp/a /tmp/b [path=/melden] [rounds=20] [requests per round=500]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
A="$(cd "${1:?published build A}" && pwd)"; B="$(cd "${2:?published build B}" && pwd)"
REQUEST_PATH="${3:-/melden}"; ROUNDS="${4:-20}"; REQUESTS="${5:-500}"
WORK="$(mktemp -d /tmp/herstelmeldpunt-compare.XXXXXX)"
say() { echo "compare-builds: $*" >&2; }
fail() { say "$*"; exit 1; }
apt_install() { return 1; }
# shellcheck source=tools/throwaway-postgres.sh
. "$ROOT/tools/throwaway-postgres.sh"
NODES=()
cleanup() { for pid in "${NODES[@]}"; do kill "$pid" 2>/dev/null || true; done; stop_postgres; rm -rf "$WORK"; }
trap cleanup EXIT
command -v curl >/dev/null || fail "curl is missing"
for dir in "$A" "$B"; do [ -f "$dir/Herstelmeldpunt.Web.dll" ] || fail "$dir holds no published portal (Herstelmeldpunt.Web.dll)"; done

start_postgres
PG_PORT="$(echo "$HERSTELMELDPUNT_TEST_POSTGRES" | sed -E 's/.*Port=([0-9]+).*/\1/')"
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE compare" >/dev/null
KEY="$(head -c 32 /dev/urandom | base64)"
NODE_ENV=(ASPNETCORE_ENVIRONMENT=Production Database__Provider=PostgreSql
  "ConnectionStrings__Herstelmeldpunt=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=compare"
  Database__MigrateOnStartup=false "Database__DataDirectory=$WORK/data" "Workflow__DefinitionsDirectory=$ROOT/workflows"
  Encryption__CurrentKey=k "Encryption__Keys__k=$KEY" "Encryption__HashKey=$KEY" BackgroundJobs__Enabled=false
  "ReportingPoint__Phone=0800 123 4567" ReportingPoint__Email=meldpunt@example.nl
  "ReportingPoint__PostalAddress=Meldpunt, Postbus 1, 1000 AB Amsterdam" Cookies__SecurePolicy=SameAsRequest
  Logging__LogLevel__Default=Warning)
mkdir -p "$WORK/data"
(cd "$A" && env "${NODE_ENV[@]}" Email__PublicBaseUrl=http://127.0.0.1 dotnet Herstelmeldpunt.Web.dll migrate >"$WORK/migrate.log" 2>&1) \
  || { cat "$WORK/migrate.log" >&2; fail "migrate failed"; }

start_node() { # dir port
  (cd "$1" && exec env "${NODE_ENV[@]}" ASPNETCORE_URLS="http://127.0.0.1:$2" Email__PublicBaseUrl="http://127.0.0.1:$2" \
    dotnet Herstelmeldpunt.Web.dll >"$WORK/node-$2.log" 2>&1) &
  NODES+=("$!")
  for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$2/health/live" && return 0; sleep 0.1; done
  cat "$WORK/node-$2.log" >&2; fail "the node in $1 did not answer"
}
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
burst() { # pid port -> CPU ticks the node spent on REQUESTS requests
  local before; before=$(ticks "$1"); curl -s -K "$WORK/urls-$2"; echo $(( $(ticks "$1") - before ))
}
urls() { # port
  for _ in $(seq 1 "$REQUESTS"); do printf 'url = "http://127.0.0.1:%s%s"\noutput = "/dev/null"\n' "$1" "$REQUEST_PATH"; done >"$WORK/urls-$1"
}
TOTAL_A=0; TOTAL_B=0
# Two passes: the node started first is measured dearer (by up to ~15% here, whichever build it is), so each build
# is started first once. Within a pass the order of the two bursts swaps every round.
pass() { # first-dir second-dir pass-number
  local port_1=$(( 40000 + RANDOM % 5000 )); local port_2; port_2=$(( port_1 + 1 ))
  NODES=()
  start_node "$1" "$port_1"; local pid_1=${NODES[0]}
  start_node "$2" "$port_2"; local pid_2=${NODES[1]}
  urls "$port_1"; urls "$port_2"
  for _ in 1 2 3; do burst "$pid_1" "$port_1" >/dev/null; burst "$pid_2" "$port_2" >/dev/null; done # warm up (tiered JIT)
  local round one two sum_1=0 sum_2=0
  for round in $(seq 1 "$ROUNDS"); do
    if [ $(( round % 2 )) = 1 ]; then one=$(burst "$pid_1" "$port_1"); two=$(burst "$pid_2" "$port_2")
    else two=$(burst "$pid_2" "$port_2"); one=$(burst "$pid_1" "$port_1"); fi
    sum_1=$(( sum_1 + one )); sum_2=$(( sum_2 + two ))
  done
  say "pass $3: started first $1: $sum_1 ticks; second $2: $sum_2 ticks"
  kill "$pid_1" "$pid_2"; wait "$pid_1" "$pid_2" 2>/dev/null || true
  if [ "$1" = "$A" ]; then TOTAL_A=$(( TOTAL_A + sum_1 )); TOTAL_B=$(( TOTAL_B + sum_2 ))
  else TOTAL_B=$(( TOTAL_B + sum_1 )); TOTAL_A=$(( TOTAL_A + sum_2 )); fi
}
pass "$A" "$B" 1
pass "$B" "$A" 2
HZ=$(getconf CLK_TCK)
awk -v a="$TOTAL_A" -v b="$TOTAL_B" -v n=$(( 2 * ROUNDS * REQUESTS )) -v hz="$HZ" -v path="$REQUEST_PATH" 'BEGIN {
  printf "%s, %d requests each: A %.3f ms CPU per request, B %.3f ms (B/A %.2f)\n", path, n, a * 1000 / hz / n, b * 1000 / hz / n, (a > 0 ? b / a : 0) }'
