#!/bin/sh
# Runs a test inside a D-Bus session of its own with an unlocked GNOME keyring (a real Secret Service, its files in
# a temporary folder), so that the console's keychain path runs for real. Without dbus-run-session or
# gnome-keyring-daemon the test runs as it is, and its keychain check reports itself skipped.
if command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
    keyrings=$(mktemp -d)
    trap 'rm -rf "$keyrings"' EXIT
    XDG_DATA_HOME="$keyrings" dbus-run-session -- sh -c '
        printf %s taskdeck-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
        exec "$@"' sh "$@"
    exit $?
fi
exec "$@"
