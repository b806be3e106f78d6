#!/usr/bin/env bash
# Configures and builds TaskDeck in ./build. With CI set, compiler warnings are errors.
set -euo pipefail
cd "$(dirname "$0")/.."

werror=OFF
if [ -n "${CI:-}" ]; then
    werror=ON
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTASKDECK_WERROR="$werror" >/dev/null
cmake --build build --parallel "$(nproc)"
