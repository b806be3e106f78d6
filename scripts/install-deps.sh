#!/usr/bin/env bash
# Installs everything TaskDeck needs to build, run and test on Debian 12 (bookworm). Safe to run again.
set -euo pipefail

packages=(
    # build
    cmake ninja-build g++ pkg-config clang-format
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qt6-tools-dev qt6-l10n-tools qtkeychain-qt6-dev
    # SQL drivers and ODBC
    libqt6sql6-sqlite libqt6sql6-psql libqt6sql6-odbc unixodbc-dev odbc-postgresql odbc-mariadb libsqliteodbc
    # run time of the console
    qt6-qpa-plugins libqt6svg6 fonts-dejavu-core
    # Qt's own translations (dialog buttons) for the console in Simplified Chinese
    qt6-translations-l10n
    # a real Secret Service for the console's keychain test (tests/support/with-keyring.sh)
    gnome-keyring dbus-daemon
    # IANA time zones for schedules (QTimeZone reads /usr/share/zoneinfo)
    tzdata
    # servers the backend tests start on 127.0.0.1 (scripts/with-test-servers.sh)
    postgresql mariadb-server mariadb-client
    # packaging: .deb, .rpm and their checks (desktop entry, AppStream metainfo, man pages, systemd unit)
    dpkg-dev file rpm desktop-file-utils appstream groff-base systemd
    # libFuzzer with AddressSanitizer and UndefinedBehaviorSanitizer (scripts/fuzz.sh)
    clang-14 libclang-rt-14-dev
    # Windows-only code is compiled for Windows with MinGW-w64 in the tests (no Windows build runs here)
    g++-mingw-w64-x86-64-win32
    # the T-SQL of the SQL Server dialect is parsed by sqlfluff in the tests (no SQL Server runs here)
    sqlfluff
    # bench/bench_sqlite_floor calls SQLite itself, without Qt's driver between
    libsqlite3-dev
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
        echo "install-deps: these packages are missing and this is not root and there is no sudo: ${missing[*]}" >&2
        exit 1
    fi
    as_root=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
