#!/usr/bin/env bash
# Builds the Windows toolchain TaskDeck cross-compiles against, from Debian's source packages only: Qt 6.4.2 (qtbase
# with the QSQLITE and QODBC drivers, qtsvg, qtcharts, Qt's zh_CN translations) and QtKeychain (Windows Credential
# Manager) for x86_64-w64-mingw32 (posix threads), installed into a cache folder keyed by versions, outside the
# repository. Resumable: each finished step leaves a stamp and is skipped next time; an interrupted step starts over.
#
#   scripts/windows/toolchain.sh            # build what is missing (about an hour of 2 cores for qtbase)
#   scripts/windows/toolchain.sh --prefix   # print the folder the toolchain is (or will be) installed into
#
# TASKDECK_WIN_CACHE overrides the cache root (default ~/.cache/taskdeck).
set -euo pipefail

qt_version=6.4.2
keychain_version=0.13.2
sqlite_version=3.40.1
cache_root=${TASKDECK_WIN_CACHE:-$HOME/.cache/taskdeck}
prefix=$cache_root/win64-qt-$qt_version
work=$cache_root/win64-build
stamps=$prefix/.stamps
jobs=$(nproc)

if [ "${1:-}" = "--prefix" ]; then
    echo "$prefix"
    exit 0
fi

started=$(date +%s)
say() { printf 'toolchain [%4ds] %s\n' "$(($(date +%s) - started))" "$*"; }
done_step() { [ -f "$stamps/$1" ]; }
mark_step() { mkdir -p "$stamps" && date -u +%FT%TZ >"$stamps/$1"; }

as_root=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "toolchain: packages must be installed as root, and there is no sudo" >&2; exit 1; }
    as_root=(sudo)
fi

# 1. Packages: the MinGW-w64 compilers with posix threads (Qt 6 needs std::thread), the host's Qt 6.4.2 tools (moc,
#    rcc, uic, lrelease run on the build machine), and what unpacking and the SQLite amalgamation need.
if ! done_step packages; then
    say "installing the cross compilers and host tools"
    sources=/etc/apt/sources.list.d/taskdeck-deb-src.sources
    if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
        # The same mirror and keyring as the binary entry, for source packages.
        "${as_root[@]}" tee "$sources" >/dev/null <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${as_root[@]}" apt-get update -qq
    "${as_root[@]}" apt-get install -y -qq --no-install-recommends \
        g++-mingw-w64-x86-64-posix gcc-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64 \
        cmake ninja-build dpkg-dev tcl make \
        qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev qt6-charts-dev \
        libqt6opengl6-dev >/dev/null
    mark_step packages
fi

host_qt_version=$(dpkg-query -W -f='${Version}' qt6-base-dev | sed 's/+.*//')
if [ "$host_qt_version" != "$qt_version" ]; then
    echo "toolchain: the host's Qt is $host_qt_version; the cross build needs its tools at $qt_version" >&2
    exit 1
fi

mkdir -p "$work" "$prefix"
cd "$work"

# 2. Sources, from Debian's source packages (apt-get source verifies them against the signed index), each fetched
#    just before the step that needs it.
source_of() { # package, folder glob: fetches the package's source once and prints its folder
    local package=$1 pattern=$2
    if ! compgen -G "$work/$pattern" >/dev/null; then
        say "fetching the source package $package" >&2
        if ! (cd "$work" && apt-get source -qq "$package" >"$work/source-$package.log" 2>&1); then
            grep -E '^(E|Err):' "$work/source-$package.log" >&2 || tail -n 5 "$work/source-$package.log" >&2
            echo "toolchain: cannot fetch Debian's source package $package (log: $work/source-$package.log)" >&2
            return 1
        fi
    fi
    compgen -G "$work/$pattern" | head -n 1 | sed 's:/$::'
}
qtbase_src=$(source_of qt6-base "qt6-base-*/")
sqlite_src=$(source_of sqlite3 "sqlite3-$sqlite_version*/")

# 3. Debian's +dfsg tarball drops src/3rdparty/sqlite: the amalgamation is made from Debian's own sqlite3 source.
if ! done_step sqlite; then
    say "making the SQLite $sqlite_version amalgamation for QSQLITE"
    (cd "$sqlite_src" && { [ -f Makefile ] || ./configure --quiet >/dev/null; } && make -s sqlite3.c >/dev/null)
    mkdir -p "$qtbase_src/src/3rdparty/sqlite"
    cp "$sqlite_src/sqlite3.c" "$sqlite_src/sqlite3.h" "$qtbase_src/src/3rdparty/sqlite/"
    mark_step sqlite
fi

# 4. The CMake toolchain file: MinGW-w64 posix compilers, and nothing of the host's /usr/include or libraries.
toolchain_file=$prefix/mingw-w64-x86_64.cmake
cat >"$toolchain_file" <<'EOF'
# MinGW-w64 (posix threads) cross compilers from Debian; written by scripts/windows/toolchain.sh.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32 ${CMAKE_CURRENT_LIST_DIR})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
EOF

run_logged() { # log file, command…: the command's output goes to the log; its tail is shown if it fails
    local log=$1
    shift
    if ! "$@" >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        echo "toolchain: failed; the whole log is $log" >&2
        exit 1
    fi
}

# Builds with a progress line every minute (ninja's [done/total]), so a long build shows where it is.
build_with_progress() { # build dir, log
    local dir=$1 log=$2
    ninja -C "$dir" >"$log" 2>&1 &
    local pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null && sleep 1; done
        local last
        last=$(grep -ao '^\[[0-9]*/[0-9]*\]' "$log" | tail -n 1 || true)
        kill -0 "$pid" 2>/dev/null && say "  $(basename "$dir"): ${last:-starting}"
    done
    if ! wait "$pid"; then
        tail -n 40 "$log" >&2
        echo "toolchain: the build in $dir failed; the whole log is $log" >&2
        exit 1
    fi
}

# 5. qtbase: Core, Gui, Widgets, Sql (QSQLITE, QODBC), Network, the windows platform plugin.
if ! done_step qtbase; then
    say "configuring qtbase $qt_version for x86_64-w64-mingw32"
    rm -rf "$work/qtbase-build" && mkdir -p "$work/qtbase-build"
    (cd "$work/qtbase-build" && run_logged "$work/qtbase-configure.log" "$qtbase_src/configure" \
        -prefix "$prefix" -xplatform win32-g++ -device-option CROSS_COMPILE=x86_64-w64-mingw32- \
        -qt-host-path /usr -release -opengl desktop -nomake tests -nomake examples -no-dbus \
        -sql-sqlite -sql-odbc -no-sql-psql -no-sql-mysql \
        -qt-zlib -qt-libpng -qt-libjpeg -qt-freetype -qt-harfbuzz -qt-pcre \
        -no-feature-accessibility -no-feature-tabletevent -- \
        -DQT_HOST_PATH_CMAKE_DIR=/usr/lib/x86_64-linux-gnu/cmake -DCMAKE_TOOLCHAIN_FILE="$toolchain_file")
    say "building qtbase (the long step: about 1,400 targets)"
    build_with_progress "$work/qtbase-build" "$work/qtbase-build.log"
    run_logged "$work/qtbase-install.log" ninja -C "$work/qtbase-build" install
    mark_step qtbase
fi

qt_cmake=$prefix/bin/qt-cmake
# 6. The add-on modules, each configured by the cross Qt's own qt-cmake.
build_module() { # name, source
    local name=$1 src=$2
    done_step "$name" && return 0
    say "building $name"
    rm -rf "$work/$name-build"
    run_logged "$work/$name-configure.log" "$qt_cmake" -S "$src" -B "$work/$name-build" -G Ninja \
        -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" -DQT_HOST_PATH=/usr \
        -DQT_HOST_PATH_CMAKE_DIR=/usr/lib/x86_64-linux-gnu/cmake -DQT_BUILD_EXAMPLES=OFF -DQT_BUILD_TESTS=OFF
    build_with_progress "$work/$name-build" "$work/$name-build.log"
    run_logged "$work/$name-install.log" ninja -C "$work/$name-build" install
    mark_step "$name"
}
# A source package the mirror does not serve leaves its part out; the summary at the end names it.
unavailable=()
for module in qtsvg:qt6-svg qtcharts:qt6-charts; do
    name=${module%%:*}
    package=${module##*:}
    done_step "$name" && continue
    if src=$(source_of "$package" "$package-*/"); then
        build_module "$name" "$src"
    else
        unavailable+=("$name (Debian source package $package)")
    fi
done

# 7. Qt's own zh_CN translations (dialog buttons): compiled from Debian's qt6-translations source where it is
#    served, else the compiled catalogues of the host's qt6-translations-l10n package (.qm files are the same on
#    every platform).
if ! done_step translations; then
    mkdir -p "$prefix/translations"
    if qttranslations_src=$(source_of qt6-translations "qt6-translations-*/" 2>/dev/null); then
        say "compiling Qt's zh_CN translations"
        for catalogue in qtbase qt; do
            ts=$qttranslations_src/translations/${catalogue}_zh_CN.ts
            if [ -f "$ts" ]; then
                run_logged "$work/lrelease.log" /usr/lib/qt6/bin/lrelease -silent "$ts" \
                    -qm "$prefix/translations/${catalogue}_zh_CN.qm"
            fi
        done
    else
        say "taking Qt's zh_CN translations from the host's qt6-translations-l10n"
        "${as_root[@]}" apt-get install -y -qq --no-install-recommends qt6-translations-l10n >/dev/null
        cp /usr/share/qt6/translations/qtbase_zh_CN.qm "$prefix/translations/"
    fi
    [ -f "$prefix/translations/qtbase_zh_CN.qm" ] || { echo "toolchain: qtbase_zh_CN.qm was not made" >&2; exit 1; }
    mark_step translations
fi

# 8. QtKeychain: passwords in the Windows Credential Manager.
if ! done_step qtkeychain && ! keychain_src=$(source_of qtkeychain "qtkeychain-*/"); then
    unavailable+=("qtkeychain (Debian source package qtkeychain)")
elif ! done_step qtkeychain; then
    say "building QtKeychain $keychain_version"
    rm -rf "$work/qtkeychain-build"
    run_logged "$work/qtkeychain-configure.log" "$qt_cmake" -S "$keychain_src" -B "$work/qtkeychain-build" -G Ninja \
        -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" -DBUILD_WITH_QT6=ON -DBUILD_TRANSLATIONS=OFF \
        -DBUILD_TEST_APPLICATION=OFF -DQT_HOST_PATH=/usr -DQT_HOST_PATH_CMAKE_DIR=/usr/lib/x86_64-linux-gnu/cmake
    build_with_progress "$work/qtkeychain-build" "$work/qtkeychain-build.log"
    run_logged "$work/qtkeychain-install.log" ninja -C "$work/qtkeychain-build" install
    mark_step qtkeychain
fi

{
    echo "qt $qt_version from Debian's source packages; built: $(cd "$stamps" && ls | grep -v -e packages -e sources | tr '\n' ' ')"
    echo "sqlite $sqlite_version (amalgamation inside QSQLITE)"
    echo "compiler $(x86_64-w64-mingw32-g++-posix --version | head -n 1)"
} >"$prefix/VERSIONS"
if [ ${#unavailable[@]} -gt 0 ]; then
    say "partly done: qtbase and what is listed as built are in $prefix; not built, because this machine's Debian"
    say "mirror does not serve their sources (apt-get source fails with 404): ${unavailable[*]}"
    say "run this script again where they are served; the finished steps are kept"
    exit 3
fi
say "done: the Windows toolchain is in $prefix"
