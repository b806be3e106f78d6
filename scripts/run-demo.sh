#!/usr/bin/env bash
# The main job: installs what is needed, builds, and runs the demo on the embedded database.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec build/app/ctl/taskdeckctl demo "$@"
