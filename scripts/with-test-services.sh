#!/usr/bin/env bash
# Runs a command (the test suite) with a private Redis and PostgreSQL for tests/scaleout, then
# stops them. Installs nothing: it starts what is installed (redis-server; PostgreSQL's initdb and
# pg_ctl, found on PATH or under /usr/lib/postgresql/*/bin). `npm test` and `npm run test:scaleout`
# run scripts/test-prerequisites.mjs first, which installs both or stops saying how. Run alone
# without them, a service it cannot start is left unset, and the scale-out tests then fail naming
# the missing TEST_* variable.
#
# Exports for the tests: TEST_REDIS_URL, TEST_REDIS_BIN, TEST_REDIS_CONF, TEST_REDIS_PIDFILE
# (to kill and restart exactly that Redis), TEST_DATABASE_URL, TEST_PG_CTL, TEST_PG_DATA,
# TEST_PG_OPTIONS, TEST_PG_LOG, TEST_PG_OS_USER (to stop and start exactly that cluster).
# If TEST_DATABASE_URL and TEST_REDIS_URL are already set, it runs the command as it is.
set -euo pipefail

if [ -n "${TEST_DATABASE_URL:-}" ] && [ -n "${TEST_REDIS_URL:-}" ]; then
  exec "$@"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/samskap-services.XXXXXX")
chmod 755 "$work"
as_pg_user=()
redis_pidfile="$work/redis.pid"
pg_ctl=""
pg_data="$work/pg"

cleanup() {
  if [ -s "$redis_pidfile" ]; then kill "$(cat "$redis_pidfile")" 2>/dev/null || true; fi
  if [ -n "$pg_ctl" ] && [ -f "$pg_data/postmaster.pid" ]; then
    "${as_pg_user[@]}" "$pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' INT TERM

# A port the OS hands out (bind to port 0), so parallel runs on one machine never probe their way to
# the same one. It is free when asked; should another process take it before the service binds it,
# the service fails to start and is started again on a new one (START_TRIES).
free_port() {
  node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close() })"
}
START_TRIES=5

redis_bin=$(command -v redis-server || true)
if [ -n "$redis_bin" ]; then
  for _ in $(seq "$START_TRIES"); do
    redis_port=$(free_port)
    cat >"$work/redis.conf" <<CONF
port $redis_port
bind 127.0.0.1
save ""
appendonly no
daemonize yes
pidfile $redis_pidfile
logfile $work/redis.log
dir $work
CONF
    : >"$work/redis.log"
    "$redis_bin" "$work/redis.conf"
    for _ in $(seq 100); do
      [ -s "$redis_pidfile" ] && (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null && break
      sleep 0.05
    done
    # Our own Redis, not one that grabbed the port meanwhile: it wrote our pidfile.
    [ -s "$redis_pidfile" ] && break
    # Only a port taken meanwhile is worth another try; anything else is reported below.
    grep -q "Address already in use" "$work/redis.log" || break
    echo "with-test-services: port $redis_port was taken before redis-server bound it; trying another" >&2
  done
  [ -s "$redis_pidfile" ] || { cat "$work/redis.log" >&2; echo "with-test-services: redis-server did not start" >&2; exit 1; }
  export TEST_REDIS_URL="redis://127.0.0.1:$redis_port" TEST_REDIS_BIN="$redis_bin"
  export TEST_REDIS_CONF="$work/redis.conf" TEST_REDIS_PIDFILE="$redis_pidfile"
  echo "with-test-services: Redis on 127.0.0.1:$redis_port"
else
  echo "with-test-services: redis-server not found; TEST_REDIS_URL stays unset and the scale-out tests will fail" >&2
fi

pg_bin=""
if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
  pg_bin=$(dirname "$(readlink -f "$(command -v initdb)")")
else
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; then
  pg_os_user=""
  if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root; the postgresql package creates the postgres user. In $work,
    # since postgres may not enter the checkout (under /root, pg_ctl said it could not).
    pg_os_user=postgres
    as_pg_user=(env -C "$work" runuser -u postgres --)
  fi
  mkdir -p "$pg_data" "$work/pgsocket"
  [ -z "$pg_os_user" ] || chown "$pg_os_user" "$pg_data" "$work/pgsocket"
  "${as_pg_user[@]}" "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 >"$work/initdb.log" 2>&1 ||
    { cat "$work/initdb.log" >&2; exit 1; }
  pg_ctl="$pg_bin/pg_ctl"
  touch "$work/pg.log" && { [ -z "$pg_os_user" ] || chown "$pg_os_user" "$work/pg.log"; }
  pg_started=""
  for _ in $(seq "$START_TRIES"); do
    pg_port=$(free_port)
    pg_options="-p $pg_port -k $work/pgsocket -c listen_addresses=127.0.0.1"
    : >"$work/pg.log"
    if "${as_pg_user[@]}" "$pg_ctl" -D "$pg_data" -o "$pg_options" -l "$work/pg.log" -w start >/dev/null; then
      pg_started=1
      break
    fi
    grep -q "Address already in use" "$work/pg.log" || break
    echo "with-test-services: port $pg_port was taken before PostgreSQL bound it; trying another" >&2
  done
  [ -n "$pg_started" ] || { cat "$work/pg.log" >&2; exit 1; }
  "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres samskap_test
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/samskap_test"
  export TEST_PG_CTL="$pg_ctl" TEST_PG_DATA="$pg_data" TEST_PG_OPTIONS="$pg_options" TEST_PG_LOG="$work/pg.log"
  export TEST_PG_OS_USER="$pg_os_user"
  echo "with-test-services: PostgreSQL on 127.0.0.1:$pg_port"
else
  echo "with-test-services: PostgreSQL (initdb, pg_ctl) not found; TEST_DATABASE_URL stays unset and the scale-out tests will fail" >&2
fi

set +e
"$@"
status=$?
exit "$status"
