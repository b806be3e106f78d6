#!/usr/bin/env bash
# How long an SQL handler's statement goes on in the server after its worker is killed with SIGKILL, on each server
# backend: a worker runs a handler whose statement sleeps 20 s (or keeps the server busy as long); 2 s into it the worker is killed, and the server's
# own session list is read every 100 ms until the statement has gone. Run it under the test servers:
#
#   scripts/with-test-servers.sh bench/sql-handler-after-kill.sh [build/app/ctl/taskdeckctl]
set -euo pipefail
ctl=${1:-build/app/ctl/taskdeckctl}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }

measure() { # label, locator, statement, client command that prints the number of sessions running the statement
    local label=$1 locator=$2 statement=$3 count=$4
    cat >"$work/worker.json" <<JSON
{"lease": "30s", "heartbeat": "2s", "poll_max": "100ms",
 "handlers": {"slow": {"type": "sql", "statement": "$statement"}}}
JSON
    "$ctl" --db "$locator" init >/dev/null
    "$ctl" --db "$locator" enqueue slow --max-attempts 1 >/dev/null
    "$ctl" --db "$locator" worker --config "$work/worker.json" >"$work/worker.log" 2>&1 &
    local worker=$!
    local waited=0
    until [ "$(eval "$count")" -ge 1 ]; do
        sleep 0.1
        waited=$((waited + 1))
        [ "$waited" -lt 300 ] || { echo "the statement never started:" >&2; cat "$work/worker.log" >&2; exit 1; }
    done
    sleep 2
    kill -9 "$worker"
    wait "$worker" 2>/dev/null || true
    local killed
    killed=$(now)
    until [ "$(eval "$count")" -eq 0 ]; do sleep 0.1; done
    printf '%-40s the statement ended %.1f s after its worker was killed\n' "$label" "$(echo "$(now) - $killed" | bc)"
}

pg_port=$(sed -E 's/.*:([0-9]+)\/.*/\1/' <<<"$TASKDECK_TEST_POSTGRESQL")
pg_count="PGPASSWORD=\$TASKDECK_DB_PASSWORD psql -qtA -h 127.0.0.1 -p $pg_port -U taskdeck taskdeck_test -c \"SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'\""
measure "postgresql (native)" "$TASKDECK_TEST_POSTGRESQL" "SELECT pg_sleep(20)" "$pg_count"
measure "postgresql (psqlODBC)" "$TASKDECK_TEST_POSTGRESQL_ODBC" "SELECT pg_sleep(20)" "$pg_count"
pg_busy="PGPASSWORD=\$TASKDECK_DB_PASSWORD psql -qtA -h 127.0.0.1 -p $pg_port -U taskdeck taskdeck_test -c \"SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND backend_type = 'client backend'\""
measure "postgresql (native), busy statement" "$TASKDECK_TEST_POSTGRESQL" \
    "SELECT count(*) FROM generate_series(1, 400000000)" "$pg_busy"

maria_port=$(sed -E 's/.*PORT=([0-9]+);.*/\1/' <<<"$TASKDECK_TEST_MARIADB_ODBC")
maria_count="mariadb -N -h 127.0.0.1 -P $maria_port -u taskdeck -p\$TASKDECK_DB_PASSWORD taskdeck_test -e \"SELECT count(*) FROM information_schema.processlist WHERE info LIKE '%SLEEP(20)%' AND id <> CONNECTION_ID()\""
measure "mariadb (ODBC), SLEEP" "$TASKDECK_TEST_MARIADB_ODBC" "SELECT SLEEP(20)" "$maria_count"
maria_busy="mariadb -N -h 127.0.0.1 -P $maria_port -u taskdeck -p\$TASKDECK_DB_PASSWORD taskdeck_test -e \"SELECT count(*) FROM information_schema.processlist WHERE info LIKE '%BENCHMARK%' AND id <> CONNECTION_ID()\""
measure "mariadb (ODBC), busy statement" "$TASKDECK_TEST_MARIADB_ODBC" "SELECT BENCHMARK(100000000, MD5('x'))" "$maria_busy"
