#!/usr/bin/env bash
# Runs every test with the real services they need, set up here and removed afterwards:
#   - headless Chromium (Debian package; installed when missing and we are root),
#   - a throw-away PostgreSQL cluster (initdb/pg_ctl from the machine's PostgreSQL) on a free loopback port,
#   - a real SMTP server (Debian's python3-aiosmtpd; installed when missing; the tests start and stop it),
#   - a real virus scanner (Debian's clamav-daemon; installed when missing; the tests start clamd with their own signature),
#   - a real reverse proxy (Debian's nginx-light; installed when missing; the tests start it in front of two app nodes),
#   - SQLite needs nothing: the tests make their own files.
# Ends with the line "N passed, N failed". Exit code 0 only when every test passed.
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(pwd)"
WORK="$(mktemp -d /tmp/herstelmeldpunt-test.XXXXXX)"

say() { echo "test.sh: $*" >&2; }
fail() { say "$*"; echo "0 passed, 1 failed"; exit 1; }

# shellcheck source=tools/throwaway-postgres.sh
. "$ROOT/tools/throwaway-postgres.sh"

cleanup() {
  stop_postgres
  rm -rf "$WORK"
}
trap cleanup EXIT

apt_install() {
  [ "$(id -u)" = 0 ] || return 1
  say "installing $* (apt-get)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# --- npm (the build installs the NL Design System CSS with 'npm ci'; docs/adr/0035) ------------
command -v npm >/dev/null || apt_install nodejs npm || fail "npm is missing and could not be installed: run 'apt-get install nodejs npm' as root (the build installs the NL Design System CSS with npm ci)."

# --- Chromium -------------------------------------------------------------------------------
CHROMIUM="${HERSTELMELDPUNT_TEST_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  apt_install chromium || fail "Chromium is missing at $CHROMIUM and could not be installed: run 'apt-get install chromium' as root, or set HERSTELMELDPUNT_TEST_CHROMIUM."
  [ -x "$CHROMIUM" ] || fail "Chromium was installed but $CHROMIUM does not exist."
fi
export HERSTELMELDPUNT_TEST_CHROMIUM="$CHROMIUM"

# --- SMTP server (aiosmtpd, started by the tests themselves) --------------------------------
SMTP_PYTHON="${HERSTELMELDPUNT_TEST_SMTP_PYTHON:-/usr/bin/python3}"
if ! "$SMTP_PYTHON" -c "import aiosmtpd" >/dev/null 2>&1; then
  apt_install python3-aiosmtpd || fail "The SMTP test server is missing: run 'apt-get install python3-aiosmtpd' as root, or set HERSTELMELDPUNT_TEST_SMTP_PYTHON to a Python with aiosmtpd."
  "$SMTP_PYTHON" -c "import aiosmtpd" >/dev/null 2>&1 || fail "python3-aiosmtpd was installed but $SMTP_PYTHON cannot import it."
fi
export HERSTELMELDPUNT_TEST_SMTP_PYTHON="$SMTP_PYTHON"

# --- nginx (the reverse proxy in front of two app nodes, started by the tests themselves) -----
NGINX="${HERSTELMELDPUNT_TEST_NGINX:-/usr/sbin/nginx}"
if [ ! -x "$NGINX" ]; then
  apt_install nginx-light || fail "nginx is missing at $NGINX and could not be installed: run 'apt-get install nginx-light' as root, or set HERSTELMELDPUNT_TEST_NGINX."
  [ -x "$NGINX" ] || fail "nginx-light was installed but $NGINX does not exist."
fi
export HERSTELMELDPUNT_TEST_NGINX="$NGINX"

# --- ClamAV (clamd, started by the tests themselves with a signature file they write) -------
CLAMD="${HERSTELMELDPUNT_TEST_CLAMD:-/usr/sbin/clamd}"
if [ ! -x "$CLAMD" ]; then
  apt_install clamav-daemon || fail "ClamAV is missing at $CLAMD and could not be installed: run 'apt-get install clamav-daemon' as root, or set HERSTELMELDPUNT_TEST_CLAMD."
  [ -x "$CLAMD" ] || fail "clamav-daemon was installed but $CLAMD does not exist."
fi
export HERSTELMELDPUNT_TEST_CLAMD="$CLAMD"

# --- Spectral (Logius' API Design Rules lint of the OpenAPI document; npm, pinned in tools/api-lint) ---
SPECTRAL="${HERSTELMELDPUNT_TEST_SPECTRAL:-$ROOT/tools/api-lint/node_modules/.bin/spectral}"
if [ ! -x "$SPECTRAL" ]; then
  command -v npm >/dev/null || apt_install nodejs npm || fail "npm is missing and could not be installed: run 'apt-get install nodejs npm' as root, or set HERSTELMELDPUNT_TEST_SPECTRAL."
  say "installing Spectral (npm ci in tools/api-lint)"
  (cd "$ROOT/tools/api-lint" && npm ci --no-audit --no-fund --silent >/dev/null 2>&1) || fail "Spectral could not be installed with 'npm ci' in tools/api-lint."
  [ -x "$SPECTRAL" ] || fail "Spectral was installed but $SPECTRAL does not exist."
fi
export HERSTELMELDPUNT_TEST_SPECTRAL="$SPECTRAL"

# --- PostgreSQL -----------------------------------------------------------------------------
if [ -n "${HERSTELMELDPUNT_TEST_POSTGRES:-}" ]; then
  say "using the PostgreSQL server in HERSTELMELDPUNT_TEST_POSTGRES"
else
  start_postgres
fi

# --- Tests ----------------------------------------------------------------------------------
# Dozens of app hosts live in one test process: without this each watches its settings files with inotify and the
# machine's limit (128 per user) runs out ("The configured user limit (128) on the number of inotify instances").
export DOTNET_hostBuilder__reloadConfigOnChange=false
# The same limit for the file watchers of wwwroot (asp-append-version) and Razor: poll instead of inotify.
export DOTNET_USE_POLLING_FILE_WATCHER=true
RESULTS="$WORK/results"
set +e
dotnet test "$ROOT/Herstelmeldpunt.sln" --logger "trx" --logger "console;verbosity=normal" --results-directory "$RESULTS" "$@"
STATUS=$?
set -e

PASSED=0
FAILED=0
for trx in "$RESULTS"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')"
  f="$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')"
  PASSED=$(( PASSED + ${p:-0} ))
  FAILED=$(( FAILED + ${f:-0} ))
done
# --- Migrations cover the model (ADR 0017): for each provider, no model change without a migration ----
# (the whole run only: a run with a filter is a developer's quick look)
if [ "$#" -eq 0 ] && [ "$STATUS" -eq 0 ]; then
  dotnet tool restore >/dev/null || fail "dotnet tool restore failed (the tool manifest dotnet-tools.json pins dotnet-ef)."
  for context in SqliteAppDbContext PostgresAppDbContext; do
    if dotnet ef migrations has-pending-model-changes --project "$ROOT/src/Herstelmeldpunt.Web" --context "$context" --no-build >"$WORK/ef-$context.log" 2>&1; then
      say "migrations cover the model ($context)"
      PASSED=$(( PASSED + 1 ))
    else
      cat "$WORK/ef-$context.log"
      say "the model has changes no migration covers ($context): run dotnet ef migrations add NAME --project src/Herstelmeldpunt.Web --context $context --output-dir Data/Migrations/$( [ "$context" = SqliteAppDbContext ] && echo Sqlite || echo PostgreSql )"
      FAILED=$(( FAILED + 1 ))
    fi
  done
fi
# --- The national benchmark at a small size on both providers, so it cannot rot (budgets: ./bench.sh) ----------
if [ "$#" -eq 0 ] && [ "$STATUS" -eq 0 ]; then
  if "$ROOT/bench.sh" --reports 2000 --intake-seconds 3 --no-write >"$WORK/bench.log" 2>&1 && tail -n 1 "$WORK/bench.log" | grep -q '^budgets: '; then
    say "the benchmark runs ($(tail -n 1 "$WORK/bench.log") at 2,000 reports; budgets are judged at 1,000,000)"
    PASSED=$(( PASSED + 1 ))
  else
    tail -n 40 "$WORK/bench.log"
    say "the benchmark (./bench.sh --reports 2000) did not run to its end"
    FAILED=$(( FAILED + 1 ))
  fi
  if "$ROOT/bench.sh" --provider sqlite --reports 1000 --intake-seconds 2 --no-write >"$WORK/bench-sqlite.log" 2>&1 && tail -n 1 "$WORK/bench-sqlite.log" | grep -q '^budgets: '; then
    say "the benchmark on SQLite runs ($(tail -n 1 "$WORK/bench-sqlite.log") at 1,000 reports; budgets are judged at 10,000)"
    PASSED=$(( PASSED + 1 ))
  else
    tail -n 40 "$WORK/bench-sqlite.log"
    say "the benchmark on SQLite (./bench.sh --provider sqlite --reports 1000) did not run to its end"
    FAILED=$(( FAILED + 1 ))
  fi
fi
# The failed tests once more at the end, so a log that keeps only its tail still says which and why.
if [ "$FAILED" -gt 0 ] && ls "$RESULTS"/*.trx >/dev/null 2>&1; then
  say "the failed tests:"
  "$SMTP_PYTHON" "$ROOT/tools/trx-failures.py" "$RESULTS"/*.trx || true
fi
if [ "$STATUS" -ne 0 ] && [ "$FAILED" -eq 0 ]; then
  say "dotnet test failed (exit $STATUS) without a failed test: the build or a test host failed; see above."
  FAILED=1
fi
if [ "$PASSED" -eq 0 ] && [ "$FAILED" -eq 0 ]; then
  say "no test ran"
  FAILED=1
fi
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
