# The worker's system user and its configuration folder (see the Debian postinst).
if command -v systemd-sysusers >/dev/null 2>&1; then
    systemd-sysusers /usr/lib/sysusers.d/taskdeck.conf
fi
mkdir -p /etc/taskdeck
chown root:taskdeck /etc/taskdeck 2>/dev/null || true
chmod 0750 /etc/taskdeck
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || true
fi
