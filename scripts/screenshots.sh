#!/usr/bin/env bash
# Takes the README's pictures of the real console: taskdeck --demo under Xvfb, one picture per view, each after
# the demo has run for a while, at the default window size (1280×800), in the light and the dark theme, in English
# and in Simplified Chinese. Writes docs/screenshots/VIEW[-dark][-zh_CN].png.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
needed=()
command -v xvfb-run >/dev/null || needed+=(xvfb xauth)
# A font with Chinese glyphs, for the zh_CN pictures.
fc-list :lang=zh | grep -q . || needed+=(fonts-wqy-microhei)
if [ ${#needed[@]} -gt 0 ]; then
    as_root=()
    [ "$(id -u)" -ne 0 ] && as_root=(sudo)
    "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
fi
scripts/build.sh
mkdir -p docs/screenshots
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
views=(overview tasks queues schedules executor)

# One variant: its own settings and demo database (so that the later views show history), views one after another.
shoot() {
    local theme=$1 language=$2 suffix=$3
    local home="$work/$theme-$language"
    mkdir -p "$home"
    for view in "${views[@]}"; do
        XDG_CONFIG_HOME="$home" xvfb-run -a -s "-screen 0 1280x800x24" \
            build/app/console/taskdeck --demo --demo-db "$home/demo.db" --tab "$view" --theme "$theme" \
            --language "$language" --screenshot "docs/screenshots/$view$suffix.png" --screenshot-delay 20
    done
}

# The variants side by side: each waits on its demo's clock, not on the processor.
shoot light en "" &
shoot dark en "-dark" &
shoot light zh_CN "-zh_CN" &
shoot dark zh_CN "-dark-zh_CN" &
failed=0
for job in $(jobs -p); do
    wait "$job" || failed=1
done
[ "$failed" -eq 0 ] || { echo "screenshots: a variant failed" >&2; exit 1; }
echo "screenshots: docs/screenshots/{$(IFS=,; echo "${views[*]}")}{,-dark,-zh_CN,-dark-zh_CN}.png"
