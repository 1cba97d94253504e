#!/usr/bin/env bash
# The national-scale benchmark (docs/figures.md "National scale: budgets"): seeds N reports in a throw-away
# PostgreSQL (or a SQLite file), runs the 'migrate' deploy step, starts the real app as its own process with its own
# SMTP server and a bare minimal-API host beside it, runs pgbench, fetches the
# staff pages signed in with two-step verification, times the first views after a start, fills in the public form
# with 50 clients at once (receipts delivered alongside), then with one and two nodes behind nginx, and prints
# each figure with its budget and verdict. Writes the table to docs/figures.md (unless --no-write) and ends with the
# line "budgets: N met, M missed".
#   ./bench.sh --reports 1000000                 the national figures (about 5 minutes)
#   ./bench.sh --reports 2000 --no-write         a quick check (the test command runs this)
#   ./bench.sh --provider sqlite                 the embedded default at a single office's size (10,000 reports)
# Options: --reports N (default 1000000; 10000 with sqlite), --intake-seconds S (default 20), --no-write,
#          --provider postgres|sqlite (default postgres; sqlite needs no server: a SQLite file of its own).
# A PostgreSQL server in HERSTELMELDPUNT_TEST_POSTGRES is used instead of a throw-away one when set.
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(pwd)"
WORK="$(mktemp -d /tmp/herstelmeldpunt-bench.XXXXXX)"

say() { echo "bench.sh: $*" >&2; }
fail() { say "$*"; echo "budgets: 0 met, 1 missed"; exit 1; }
apt_install() {
  [ "$(id -u)" = 0 ] || return 1
  say "installing $* (apt-get)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# shellcheck source=tools/throwaway-postgres.sh
. "$ROOT/tools/throwaway-postgres.sh"
cleanup() { stop_postgres; rm -rf "$WORK"; }
trap cleanup EXIT

REPORTS=
PROVIDER=postgres
INTAKE_SECONDS=20
FIGURES="$ROOT/docs/figures.md"
while [ $# -gt 0 ]; do
  case "$1" in
    --reports) REPORTS="$2"; shift 2 ;;
    --intake-seconds) INTAKE_SECONDS="$2"; shift 2 ;;
    --no-write) FIGURES="-"; shift ;;
    --provider)
      case "${2:-}" in postgres|sqlite) PROVIDER="$2" ;; *) fail "--provider ${2:-}: use postgres or sqlite" ;; esac
      shift 2 ;;
    *) fail "unknown option $1 (see the head of bench.sh)" ;;
  esac
done

# The SMTP server the portal delivers to (Debian's python3-aiosmtpd, as the tests use).
SMTP_PYTHON="${HERSTELMELDPUNT_TEST_SMTP_PYTHON:-/usr/bin/python3}"
if ! "$SMTP_PYTHON" -c "import aiosmtpd" >/dev/null 2>&1; then
  apt_install python3-aiosmtpd || fail "The SMTP server is missing: run 'apt-get install python3-aiosmtpd' as root, or set HERSTELMELDPUNT_TEST_SMTP_PYTHON to a Python with aiosmtpd."
fi
export HERSTELMELDPUNT_TEST_SMTP_PYTHON="$SMTP_PYTHON"

# nginx in front of two nodes (the two-node figure), as the tests use it (Debian's nginx-light).
NGINX="${BENCH_NGINX:-/usr/sbin/nginx}"
if [ ! -x "$NGINX" ]; then
  apt_install nginx-light || fail "nginx is missing at $NGINX: run 'apt-get install nginx-light' as root, or set BENCH_NGINX."
fi
export BENCH_NGINX="$NGINX"

# dotnet-gcdump: the live managed heap of a node before and after the exports (a full collection in the node).
GCDUMP_VERSION=10.0.750501
if [ -z "${BENCH_GCDUMP:-}" ]; then
  BENCH_GCDUMP="$HOME/.dotnet/tools-bench/dotnet-gcdump"
  if [ ! -x "$BENCH_GCDUMP" ]; then
    say "installing dotnet-gcdump $GCDUMP_VERSION"
    dotnet tool install dotnet-gcdump --version "$GCDUMP_VERSION" --tool-path "$HOME/.dotnet/tools-bench" >"$WORK/gcdump.log" 2>&1 || { cat "$WORK/gcdump.log" >&2; fail "dotnet-gcdump could not be installed (dotnet tool install dotnet-gcdump); set BENCH_GCDUMP to one."; }
  fi
fi
export BENCH_GCDUMP

if [ -z "$REPORTS" ]; then
  if [ "$PROVIDER" = sqlite ]; then REPORTS=10000; else REPORTS=1000000; fi
fi

if [ "$PROVIDER" = sqlite ]; then
  say "SQLite: a database file of its own, no server"
elif [ -n "${HERSTELMELDPUNT_TEST_POSTGRES:-}" ]; then
  say "using the PostgreSQL server in HERSTELMELDPUNT_TEST_POSTGRES"
else
  start_postgres "-c shared_buffers=1GB -c work_mem=16MB -c effective_cache_size=4GB"
fi

dotnet build -c Release "$ROOT/tests/Herstelmeldpunt.Benchmarks" -v quiet -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; fail "the benchmark did not build"; }
# The portal as production runs it: published with ReadyToRun (as the Dockerfile does).
say "publishing the portal (ReadyToRun)"
dotnet publish "$ROOT/src/Herstelmeldpunt.Web" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/app" -v quiet -nologo >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log" >&2; fail "the portal did not publish"; }
export BENCH_APP_DIR="$WORK/app"
dotnet run -c Release --no-build --project "$ROOT/tests/Herstelmeldpunt.Benchmarks" -- national "$REPORTS" "$FIGURES" "$INTAKE_SECONDS" "$PROVIDER"
