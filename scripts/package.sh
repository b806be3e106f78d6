#!/usr/bin/env bash
# Builds the Linux packages (.deb, .rpm, .tar.gz) from build/ and checks them: the metadata validates, the .deb
# installs with apt-get, the installed programs run — taskdeckctl init / enqueue / worker --drain on a temporary
# SQLite database with the example worker configuration, the console offscreen on the demo database with a timed
# quit — the service's user and folder exist, and removing the package leaves no program behind.
#   scripts/package.sh            build and check the packages, without installing
#   scripts/package.sh --install  also install, run and remove the .deb (needs root or sudo; changes this system)
set -euo pipefail
cd "$(dirname "$0")/.."
install=0
[ "${1:-}" = "--install" ] && install=1

as_root=()
if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi
step() { echo; echo "== package: $*"; }
fail() { echo "package: FAILED: $*" >&2; exit 1; }

step "building .deb, .rpm and .tar.gz"
rm -f build/taskdeck*.deb build/taskdeck*.rpm build/taskdeck*.tar.gz
(cd build && cpack -G "DEB;RPM;TGZ" >/dev/null) || fail "cpack"
deb=$(ls build/taskdeck_*.deb)
rpm=$(ls build/taskdeck-*.rpm)
tgz=$(ls build/taskdeck-*.tar.gz)
ls -l "$deb" "$rpm" "$tgz"

step "contents"
expected=(
    usr/bin/taskdeckctl usr/bin/taskdeck usr/libexec/taskdeck/taskdeck-handler-guard
    usr/lib/systemd/system/taskdeck-worker@.service
    usr/lib/sysusers.d/taskdeck.conf usr/share/doc/taskdeck/examples/worker.json
    usr/share/man/man1/taskdeckctl.1.gz usr/share/man/man1/taskdeck.1.gz
    usr/share/applications/taskdeck.desktop usr/share/metainfo/io.taskdeck.TaskDeck.metainfo.xml
    usr/share/icons/hicolor/scalable/apps/taskdeck.svg usr/share/icons/hicolor/48x48/apps/taskdeck.png
    usr/share/icons/hicolor/256x256/apps/taskdeck.png usr/share/taskdeck/sql/postgresql/roles.sql
    usr/share/taskdeck/sql/mariadb/roles.sql usr/share/taskdeck/sql/sqlserver/roles.sql)
deb_files=$(dpkg-deb -c "$deb" | awk '{print $6}')
rpm_files=$(rpm -qlp "$rpm" 2>/dev/null)
for file in "${expected[@]}"; do
    grep -qx "./$file" <<<"$deb_files" || fail ".deb lacks /$file"
    grep -qx "/$file" <<<"$rpm_files" || fail ".rpm lacks /$file"
done
echo "the .deb and the .rpm hold all ${#expected[@]} expected files"
dpkg-deb -f "$deb" Depends Recommends
rpm -qp --requires "$rpm" 2>/dev/null | grep -E 'qt6|ODBC' | tr '\n' ' '; echo

step "metadata"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/taskdeck.desktop" | grep -v '^.*: hint: ' || true
appstreamcli validate --no-net "$work/root/usr/share/metainfo/io.taskdeck.TaskDeck.metainfo.xml"
for page in "$work"/root/usr/share/man/man1/*.gz; do
    warnings=$(zcat "$page" | LC_ALL=C.UTF-8 groff -man -ww -z 2>&1 || true)
    [ -z "$warnings" ] || fail "$(basename "$page"): $warnings"
done
echo "man pages format without warnings"
if command -v systemd-analyze >/dev/null; then
    mkdir -p "$work/units"
    cp "$work/root/usr/lib/systemd/system/taskdeck-worker@.service" "$work/units/"
    # Checked as an instance; the binary it names is the one in the package.
    sed -i "s|/usr/bin/taskdeckctl|$work/root/usr/bin/taskdeckctl|" "$work/units/taskdeck-worker@.service"
    # The documentation link is checked with man(1), which does not know the unpacked pages: that line is expected.
    verify=$(SYSTEMD_UNIT_PATH="$work/units:" systemd-analyze verify "taskdeck-worker@example.service" 2>&1 || true)
    problems=$(grep -v -e "Command 'man taskdeckctl(1)'" -e '^$' <<<"$verify" || true)
    [ -z "$problems" ] || fail "systemd-analyze verify: $problems"
    echo "the worker unit passes systemd-analyze verify"
fi

if [ "$install" -eq 0 ]; then
    echo; echo "package: built and checked (run with --install to install, run and remove the .deb)"
    exit 0
fi

step "apt-get install $deb"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "./$deb" >/dev/null || fail "apt-get install"
dpkg-query -W -f='${Package} ${Version} ${Status}\n' taskdeck

step "installed taskdeckctl"
/usr/bin/taskdeckctl --version
getent passwd taskdeck >/dev/null || fail "no taskdeck system user"
[ "$(stat -c '%a %U:%G' /etc/taskdeck)" = "750 root:taskdeck" ] || fail "/etc/taskdeck is $(stat -c '%a %U:%G' /etc/taskdeck)"
db="sqlite:$work/tasks.db"
/usr/bin/taskdeckctl --db "$db" init
ids=()
for handler in noop echo hello; do
    ids+=("$(/usr/bin/taskdeckctl --db "$db" enqueue "$handler" --payload '{"from": "package test"}')")
done
/usr/bin/taskdeckctl --db "$db" worker --config /usr/share/doc/taskdeck/examples/worker.json --drain
for id in "${ids[@]}"; do
    /usr/bin/taskdeckctl --db "$db" status "$id" >/dev/null || fail "task $id did not succeed: $(/usr/bin/taskdeckctl --db "$db" status "$id")"
done
/usr/bin/taskdeckctl --db "$db" status --json "${ids[2]}" | grep -q 'greeting.*hello' || fail "the process handler's result is missing"
echo "3 tasks enqueued and drained by the example configuration's handlers: all succeeded"

step "installed console, offscreen"
QT_QPA_PLATFORM=offscreen /usr/bin/taskdeck --demo --demo-db "$work/demo.db" --screenshot "$work/console.png" \
    --screenshot-delay 3 || fail "the console did not run"
[ -s "$work/console.png" ] || fail "the console saved no picture"
echo "the console opened the demo database and quit on time"

step "apt-get remove taskdeck"
"${as_root[@]}" apt-get purge -y -qq taskdeck >/dev/null || fail "apt-get purge"
[ ! -e /usr/bin/taskdeckctl ] && [ ! -e /usr/bin/taskdeck ] && [ ! -e /usr/libexec/taskdeck ] || fail "programs left after removal"
echo "removed: no program left"
echo; echo "package: built, installed, ran and removed"
