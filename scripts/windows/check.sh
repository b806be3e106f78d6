#!/usr/bin/env bash
# The Windows leg: cross-builds TaskDeck for Windows (x86_64-w64-mingw32) with the toolchain that
# scripts/windows/toolchain.sh built once into its cache, deploys what the programs load, and runs the tests under
# Wine, printing each program's counts. Without that toolchain it says so in one line and exits 0.
#
#   scripts/windows/check.sh        # build into build-windows/ and run the tests under Wine
set -euo pipefail
cd "$(dirname "$0")/../.."
prefix=$(scripts/windows/toolchain.sh --prefix)
if [ ! -f "$prefix/.stamps/qtbase" ]; then
    echo "windows: skipped — no Windows toolchain in $prefix; build it once with scripts/windows/toolchain.sh" \
        "(about 35 minutes of 2 cores), then run scripts/windows/check.sh"
    exit 0
fi
started=$(date +%s)
say() { printf 'windows [%4ds] %s\n' "$(($(date +%s) - started))" "$*"; }

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
missing=()
for package in g++-mingw-w64-x86-64-posix wine64 ninja-build; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${as_root[@]}" apt-get update -qq
    "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The console needs Qt Charts, Qt SVG and QtKeychain; without them in the toolchain only the headless parts build.
gui=ON
for part in qtcharts qtsvg qtkeychain; do
    [ -f "$prefix/.stamps/$part" ] || gui=OFF
done
build=build-windows
say "configuring (console: $gui)"
mkdir -p "$build"
"$prefix/bin/qt-cmake" -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTASKDECK_BUILD_GUI=$gui \
    -DTASKDECK_BUILD_BENCH=OFF -DTASKDECK_WERROR=ON -DQT_HOST_PATH=/usr \
    -DQT_HOST_PATH_CMAKE_DIR=/usr/lib/x86_64-linux-gnu/cmake >"$build/configure.log" 2>&1 ||
    { tail -n 30 "$build/configure.log" >&2; exit 1; }
say "building"
ninja -C "$build" >"$build/build.log" 2>&1 || { grep -E 'error|FAILED' "$build/build.log" | head -n 40 >&2; exit 1; }

# Beside the programs: the Qt libraries and plugins they load, and the MinGW run time.
cp "$prefix"/bin/Qt6{Core,Sql,Network,Test}.dll "$build/"
mkdir -p "$build/sqldrivers"
cp "$prefix"/plugins/sqldrivers/{qsqlite,qsqlodbc}.dll "$build/sqldrivers/"
cp /usr/lib/gcc/x86_64-w64-mingw32/12-posix/{libstdc++-6,libgcc_s_seh-1}.dll \
    /usr/x86_64-w64-mingw32/lib/libwinpthread-1.dll "$build/"

export WINEPREFIX=${TASKDECK_WINEPREFIX:-$HOME/.cache/taskdeck/wineprefix} WINEDEBUG=-all
wine=/usr/lib/wine/wine64
if [ ! -f "$WINEPREFIX/system.reg" ]; then
    say "making the Wine prefix $WINEPREFIX"
    timeout 300 "$wine" wineboot -i >/dev/null 2>&1 || true
fi

# QtTest writes its report to a file under Wine (its standard output does not reach this shell).
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
total_passed=0
total_failed=0
status=0
run() { # test program, backend ('' for none)
    local name=$1 backend=$2 report
    report="$results/$name-${backend:-none}.txt"
    if ! (cd "$build" && TASKDECK_TEST_BACKEND=$backend timeout 600 "$wine" "tst_$name.exe" \
        -o "Z:${report//\//\\},txt" >/dev/null 2>&1); then
        status=1
    fi
    local totals
    totals=$(grep '^Totals:' "$report" 2>/dev/null || echo "Totals: 0 passed, 1 failed, 0 skipped (no report)")
    local passed failed skipped
    passed=$(awk '{print $2}' <<<"$totals")
    failed=$(awk '{print $4}' <<<"$totals")
    skipped=$(awk '{print $6}' <<<"$totals")
    printf '  %-16s %-12s %4d passed, %d failed, %d skipped\n' "$name" "${backend:-no database}" "$passed" "$failed" \
        "$skipped"
    grep -A3 '^FAIL!' "$report" 2>/dev/null | sed 's/^/      /' || true
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
}
say "running the tests under Wine"
for name in agent cron duration locator odbccatalog retrypolicy textrules workerconfig; do
    run "$name" ""
done
for name in schema taskwriter leaseledger operatoractions taskqueries fleet schedules sqlapi concurrentclaim driverfidelity csvexport; do
    run "$name" sqlite
done
echo "  not run under Wine: tsql (it runs the host's sqlfluff, a Linux program); executor, hostileinput, cli and"
echo "  faults (their process handlers are POSIX shell scripts); the console's tests when the console is not built"
echo "  (Qt Charts, Qt SVG or QtKeychain missing from the toolchain); the PostgreSQL and MariaDB suites through"
echo "  Wine's odbc32"
say "Windows test functions under Wine: $total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ] || status=1
exit "$status"
