# Sourced by test.sh and bench.sh: a throw-away PostgreSQL cluster from the machine's PostgreSQL (initdb/pg_ctl)
# on a free loopback port, in $WORK/pg, removed by the caller's cleanup (stop_postgres). The caller defines say,
# fail, apt_install and WORK. Extra server settings as arguments: start_postgres "-c shared_buffers=1GB".
# Sets PG_BIN, PG_DATA, PG_STARTED and exports HERSTELMELDPUNT_TEST_POSTGRES.
PG_STARTED=""
PG_DATA="$WORK/pg/data"

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    apt_install postgresql || fail "PostgreSQL is missing (no initdb under /usr/lib/postgresql) and could not be installed: run 'apt-get install postgresql' as root."
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    fail "PostgreSQL is installed but the 'postgres' user is missing; initdb cannot run as root."
  fi

  local port="" candidate
  for _ in $(seq 1 50); do
    candidate=$(( 20000 + RANDOM % 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
  done
  [ -n "$port" ] || fail "no free loopback port found for PostgreSQL"

  mkdir -p "$WORK/pg"
  chmod 711 "$WORK"
  [ "$(id -u)" = 0 ] && chown -R postgres "$WORK/pg"
  as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --no-locale >"$WORK/pg/initdb.log" 2>&1 \
    || { cat "$WORK/pg/initdb.log" >&2; fail "initdb failed"; }
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg/server.log" -w -t 60 \
    -o "-p $port -k $WORK/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 $*" \
    start >/dev/null || { cat "$WORK/pg/server.log" >&2; fail "PostgreSQL did not start"; }
  PG_STARTED=1
  export HERSTELMELDPUNT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  say "throw-away PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

stop_postgres() {
  if [ -n "$PG_STARTED" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate stop >/dev/null 2>&1 || true
  fi
}
