#!/usr/bin/env bash
# Starts a throw-away PostgreSQL and MariaDB on 127.0.0.1 (free ports, data in a temporary folder), exports the
# locators the backend tests read, runs the given command, and stops both servers whatever happened.
#
#   scripts/with-test-servers.sh ctest --output-on-failure
#
# The PostgreSQL server runs in Asia/Tokyo and MariaDB at +09:00, so that time-zone mistakes show up in tests
# run from any client zone. Tests run without fsync; TASKDECK_SERVERS_DURABLE=1 keeps the servers' durable defaults
# (for benchmarks).
set -euo pipefail

if [ $# -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi

work=$(mktemp -d /tmp/taskdeck-servers.XXXXXX)
chmod 755 "$work"
pg_dir="$work/pg"
maria_dir="$work/maria"
password="td-test-$RANDOM$RANDOM"
pg_pid=""
maria_pid=""

as_service_user() {
    local user=$1
    shift
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u "$user" -- "$@"
    else
        "$@"
    fi
}

free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 20000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    echo "with-test-servers: no free port found" >&2
    return 1
}

cleanup() {
    local status=$?
    if [ -n "$pg_pid" ]; then
        as_service_user postgres "$pg_bin/pg_ctl" -D "$pg_dir" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [ -n "$maria_pid" ]; then
        # A restart test may have replaced the server process: shut down whatever listens on the socket.
        mariadb-admin --no-defaults -uroot --socket="$maria_dir/sock" shutdown >/dev/null 2>&1 || true
        kill "$maria_pid" 2>/dev/null || true
        wait "$maria_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT INT TERM

# PostgreSQL 15
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ]; then
    echo "with-test-servers: PostgreSQL is not installed (apt-get install postgresql)" >&2
    exit 1
fi
pg_durability="-c fsync=off"
maria_durability="--innodb-flush-log-at-trx-commit=2"
if [ -n "${TASKDECK_SERVERS_DURABLE:-}" ]; then
    pg_durability=""
    maria_durability="--innodb-flush-log-at-trx-commit=1"
fi
pg_port=$(free_port)
mkdir -p "$pg_dir"
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
echo "$password" >"$work/pgpass"
[ "$(id -u)" -eq 0 ] && chown postgres "$work/pgpass"
as_service_user postgres "$pg_bin/initdb" -D "$pg_dir" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; exit 1; }
as_service_user postgres "$pg_bin/pg_ctl" -D "$pg_dir" -l "$pg_dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c timezone=Asia/Tokyo $pg_durability" start >/dev/null ||
    { cat "$pg_dir/server.log" >&2; exit 1; }
pg_pid=started
# The test user may create roles and users: the role tests connect as each TaskDeck role (resources/sql).
as_service_user postgres "$pg_bin/psql" -h "$pg_dir" -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE taskdeck LOGIN CREATEDB CREATEROLE PASSWORD '$password'" \
    -c "CREATE DATABASE taskdeck_test OWNER taskdeck"

# MariaDB 10.11
maria_port=$(free_port)
mkdir -p "$maria_dir"
maria_user_args=()
if [ "$(id -u)" -eq 0 ]; then
    chown mysql "$maria_dir"
    maria_user_args=(--user=mysql)
fi
mariadb-install-db --no-defaults --datadir="$maria_dir" "${maria_user_args[@]}" \
    --auth-root-authentication-method=normal >"$work/maria-install.log" 2>&1 ||
    { cat "$work/maria-install.log" >&2; exit 1; }
mariadbd --no-defaults --datadir="$maria_dir" --port="$maria_port" --bind-address=127.0.0.1 \
    --socket="$maria_dir/sock" --default-time-zone=+09:00 --skip-log-bin $maria_durability \
    "${maria_user_args[@]}" >"$work/maria.log" 2>&1 &
maria_pid=$!
for _ in $(seq 1 100); do
    if mariadb --no-defaults -uroot --socket="$maria_dir/sock" -e "SELECT 1" >/dev/null 2>&1; then
        break
    fi
    if ! kill -0 "$maria_pid" 2>/dev/null; then
        cat "$work/maria.log" >&2
        exit 1
    fi
    sleep 0.1
done
mariadb --no-defaults -uroot --socket="$maria_dir/sock" -e "
    CREATE USER 'taskdeck'@'127.0.0.1' IDENTIFIED BY '$password';
    CREATE DATABASE taskdeck_test CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
    GRANT ALL PRIVILEGES ON \`taskdeck\\_test%\`.* TO 'taskdeck'@'127.0.0.1' WITH GRANT OPTION;
    GRANT CREATE USER ON *.* TO 'taskdeck'@'127.0.0.1';
    GRANT SELECT, UPDATE ON mysql.* TO 'taskdeck'@'127.0.0.1';"

# Stops and starts these servers while tests run (the fault tests restart them under load):
#   $TASKDECK_TEST_SERVER_CONTROL stop|start postgresql|mariadb
run_as_postgres=""
[ "$(id -u)" -eq 0 ] && run_as_postgres="runuser -u postgres --"
maria_user_arg=""
[ "$(id -u)" -eq 0 ] && maria_user_arg="--user=mysql"
cat >"$work/control.sh" <<CONTROL
#!/bin/sh
set -e
case "\$1 \$2" in
"stop postgresql")
    $run_as_postgres "$pg_bin/pg_ctl" -D "$pg_dir" -m fast -w stop >/dev/null ;;
"start postgresql")
    $run_as_postgres "$pg_bin/pg_ctl" -D "$pg_dir" -l "$pg_dir/server.log" -w \\
        -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c timezone=Asia/Tokyo $pg_durability" start >/dev/null ;;
"stop mariadb")
    mariadb-admin --no-defaults -uroot --socket="$maria_dir/sock" shutdown ;;
"start mariadb")
    setsid mariadbd --no-defaults --datadir="$maria_dir" --port="$maria_port" --bind-address=127.0.0.1 \\
        --socket="$maria_dir/sock" --default-time-zone=+09:00 --skip-log-bin $maria_durability $maria_user_arg \\
        >>"$work/maria.log" 2>&1 </dev/null &
    for _ in \$(seq 1 300); do
        mariadb --no-defaults -uroot --socket="$maria_dir/sock" -e "SELECT 1" >/dev/null 2>&1 && exit 0
        sleep 0.1
    done
    echo "mariadb did not start again" >&2; exit 1 ;;
*)
    echo "usage: \$0 stop|start postgresql|mariadb" >&2; exit 2 ;;
esac
CONTROL
chmod +x "$work/control.sh"
export TASKDECK_TEST_SERVER_CONTROL="$work/control.sh"

export TASKDECK_DB_PASSWORD="$password"
export TASKDECK_TEST_POSTGRESQL="postgresql://taskdeck@127.0.0.1:$pg_port/taskdeck_test"
export TASKDECK_TEST_POSTGRESQL_ODBC="odbc:DRIVER={PostgreSQL Unicode};SERVER=127.0.0.1;PORT=$pg_port;DATABASE=taskdeck_test;UID=taskdeck"
export TASKDECK_TEST_MARIADB_ODBC="odbc:DRIVER={MariaDB Unicode};SERVER=127.0.0.1;PORT=$maria_port;DATABASE=taskdeck_test;UID=taskdeck"
echo "with-test-servers: PostgreSQL on 127.0.0.1:$pg_port (Asia/Tokyo), MariaDB on 127.0.0.1:$maria_port (+09:00)"

"$@"
