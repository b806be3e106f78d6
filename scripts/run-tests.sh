#!/usr/bin/env bash
# The whole test suite: installs what is needed, builds, starts throw-away PostgreSQL and MariaDB servers on
# 127.0.0.1, runs every test through CTest against SQLite, PostgreSQL (native and ODBC) and MariaDB (ODBC), stops
# the servers, builds and checks the packages, fuzzes the parsers for a bounded time, cross-builds for Windows and
# runs those tests under Wine where the Windows toolchain is built, and prints how many test functions passed on each
# backend.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
scripts/with-test-servers.sh bash -c 'cd build && ctest --output-on-failure --parallel "$(nproc)" --timeout 900' \
    2>&1 | tee "$log" || status=$?

# The packages: built and checked every time; installed, run and removed where TASKDECK_PACKAGE_TEST=1 (CI: it
# changes the system it runs on).
if [ "$status" -eq 0 ]; then
    if [ "${TASKDECK_PACKAGE_TEST:-0}" = "1" ]; then
        scripts/package.sh --install || status=$?
    else
        scripts/package.sh || status=$?
    fi
fi

# Bounded fuzzing of the parsers (libFuzzer), with the executions per target.
if [ "$status" -eq 0 ]; then
    scripts/fuzz.sh "${TASKDECK_FUZZ_SECONDS:-20}" || status=$?
fi

# The Windows leg, where the Windows toolchain has been built (scripts/windows/toolchain.sh); one line otherwise.
if [ "$status" -eq 0 ]; then
    scripts/windows/check.sh || status=$?
fi

# Per backend: the QtTest totals of its test programs, from CTest's log.
if [ -f build/Testing/Temporary/LastTest.log ]; then
    echo
    echo "Test functions per backend:"
    awk '
        /^[0-9]+\/[0-9]+ Testing: / { name = $3; split(name, parts, "."); backend = (parts[2] == "" ? "no database" : parts[2]) }
        /^Totals: / { passed[backend] += $2; failed[backend] += $4; skipped[backend] += $6; programs[backend]++ }
        /^SKIP: backend / { skippedPrograms[backend]++ }
        END {
            for (b in programs)
                printf "  %-16s %3d programs: %4d functions passed, %d failed, %d skipped\n", b, programs[b], passed[b], failed[b], skipped[b]
            for (b in skippedPrograms)
                printf "  %-16s %3d programs skipped (server not available)\n", b, skippedPrograms[b]
        }' build/Testing/Temporary/LastTest.log | sort
    echo
    echo "Fault figures (worker processes killed with SIGKILL while draining a steady stream; the database stopped"
    echo "for 5 s under load, or SQLite's write lock held by another connection):"
    awk '/^[0-9]+\/[0-9]+ Testing: / { name = $3 }
         /^(fault|outage) figures: / { sub(/^[a-z]+ figures: /, ""); printf "  %-22s %s\n", name, $0 }' \
        build/Testing/Temporary/LastTest.log
    echo
    # CTest's closing line last, for whoever reads the end of the log.
    grep -E '^[0-9]+% tests passed' "$log" | tail -n 1 || true
fi
exit "$status"
