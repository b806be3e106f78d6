#!/usr/bin/env bash
# Takes the README's pictures of the real console: taskdeck --demo under Xvfb, one picture per view, each after
# the demo has run for a while, at the default window size (1280×800). Writes docs/screenshots/*.png.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
if ! command -v xvfb-run >/dev/null; then
    as_root=()
    [ "$(id -u)" -ne 0 ] && as_root=(sudo)
    "${as_root[@]}" apt-get install -y -qq --no-install-recommends xvfb xauth >/dev/null
fi
scripts/build.sh
mkdir -p docs/screenshots
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# One demo database for all pictures, so that the later ones show history.
for view in overview tasks schedules executor; do
    xvfb-run -a -s "-screen 0 1280x800x24" \
        build/app/console/taskdeck --demo --demo-db "$work/demo.db" --tab "$view" \
        --screenshot "docs/screenshots/$view.png" --screenshot-delay 25
done
echo "screenshots: docs/screenshots/{overview,tasks,schedules,executor}.png"
