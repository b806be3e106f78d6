#!/usr/bin/env bash
# The main job: installs what is needed, builds, and opens the console on the embedded SQLite demo database, where
# a built-in producer keeps enqueuing a realistic mix of tasks and the console's local executor runs them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "run-demo: no display (neither DISPLAY nor WAYLAND_DISPLAY is set), so the console cannot open a window." >&2
    echo "run-demo: run this from a desktop session, or under Xvfb: xvfb-run -a scripts/run-demo.sh" >&2
    echo "run-demo: the same demo without a window: build/app/ctl/taskdeckctl demo" >&2
    exit 1
fi
exec build/app/console/taskdeck --demo "$@"
