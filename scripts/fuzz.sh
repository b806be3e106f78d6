#!/usr/bin/env bash
# Fuzzes the parsers with libFuzzer (clang, AddressSanitizer and UndefinedBehaviorSanitizer) for a bounded time each
# and prints the executions per target. An input that crashes a target is copied to
# tests/fuzz/regressions/<target>/, where the ordinary test suite replays it from then on (tests fuzz.<target>):
# commit it with the fix.
#   scripts/fuzz.sh [SECONDS]     seconds per target (default: $TASKDECK_FUZZ_SECONDS, else 30)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-${TASKDECK_FUZZ_SECONDS:-30}}
targets=(cron locator workerconfig payload)
cxx=$(command -v clang++-14 || command -v clang++ || true)
if [ -z "$cxx" ]; then
    echo "fuzz: clang++ not found: apt-get install clang libclang-rt-14-dev" >&2
    exit 1
fi
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DTASKDECK_FUZZ=ON -DBUILD_TESTING=OFF -DTASKDECK_BUILD_GUI=OFF -DTASKDECK_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz --parallel "$(nproc)" --target "${targets[@]/#/fuzz_}" >/dev/null

echo "Fuzzing, $seconds s per target (libFuzzer + ASan + UBSan):"
status=0
for target in "${targets[@]}"; do
    work="build-fuzz/runs/$target"
    rm -rf "$work"
    mkdir -p "$work/corpus"
    cp tests/fuzz/corpus/"$target"/* "$work/corpus/"
    # Leak checks are off: Qt's caches live until exit and are not leaks.
    if build-fuzz/tests/fuzz/fuzz_"$target" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
        -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" >"$work/log" 2>&1; then
        result="no crash"
    else
        result="FAILED"
        status=1
    fi
    runs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$work/log" | grep -oE '[0-9]+$' | tail -n 1)
    printf "  %-13s %10s executions, %s\n" "$target" "${runs:-?}" "$result"
    for artifact in "$work"/crash-* "$work"/timeout-* "$work"/oom-*; do
        [ -e "$artifact" ] || continue
        mkdir -p "tests/fuzz/regressions/$target"
        cp "$artifact" "tests/fuzz/regressions/$target/"
        echo "    kept $(basename "$artifact") in tests/fuzz/regressions/$target/ — commit it with the fix"
        tail -n 40 "$work/log" >&2
    done
done
exit "$status"
