#!/usr/bin/env bash
# baas VPS installer — NOT YET AUTOMATED.
#
# The one-command installer (system user, systemd unit, backups, upgrades) is still to be
# written. Until then this script only checks the machine and prints the manual steps; it
# changes nothing.
set -eu

required_major=20
required_minor=17

echo "baas installer: the automated install is not written yet. Checking this machine only."
if ! command -v node >/dev/null 2>&1; then
  echo "✗ Node.js is not installed. Install Node.js 22 LTS (or >= ${required_major}.${required_minor}) first." >&2
  exit 1
fi
version=$(node -p 'process.versions.node')
major=${version%%.*}
rest=${version#*.}
minor=${rest%%.*}
if [ "$major" -lt "$required_major" ] || { [ "$major" -eq "$required_major" ] && [ "$minor" -lt "$required_minor" ]; }; then
  echo "✗ Node.js $version is too old; baas needs >= ${required_major}.${required_minor}." >&2
  exit 1
fi
echo "✓ Node.js $version"
cat <<'STEPS'

Manual steps until the installer exists:
  1. Copy the baas package to /opt/baas and run there: npm ci && npm run build && npm prune --omit=dev
  2. baas init --yes --output /etc/baas/config.json --data-dir /var/lib/baas --public-url https://YOUR-HOST
  3. Run `BAAS_CONFIG=/etc/baas/config.json node /opt/baas/bin/run.js start` under systemd
     (Restart=always, KillSignal=SIGTERM, TimeoutStopSec=15).
STEPS
exit 2
