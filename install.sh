#!/usr/bin/env bash
# baas installer for Debian and Ubuntu: installs, and upgrades when run again (it is idempotent).
# Recipe and background: docs/install.md. Options: install.sh --help
set -eu
set -o pipefail
# The program must be readable by the service user whatever the caller's umask; data dirs get explicit modes.
umask 022

NODE_MIN_MAJOR=20
NODE_MIN_MINOR=17

PREFIX=/opt/baas
DATA_DIR=/var/lib/baas
CONFIG_DIR=/etc/baas
SERVICE_USER=baas
PORT=
PUBLIC_URL=
FROM=
SYSTEMD=1
ACTION=install
PURGE=0

usage() {
  cat <<'EOF'
Usage: install.sh [options]            install baas, or upgrade an installation
       install.sh --uninstall [--purge] remove it (keeping config and data unless --purge)

Installs the baas package under a prefix, runs it as a system user under systemd, and keeps
its config in /etc/baas and its data in /var/lib/baas. Run it again with a newer package to
upgrade: it backs the data up (baas backup), replaces the program, applies the migrations
(baas migrate) and restarts the service. Nothing is lost when it is re-run.

Options:
  --from FILE|DIR     the package: a .tgz made by `npm pack`, or an unpacked package directory
                      (default: the package this script is part of, when it is in one)
  --prefix DIR        where the program goes (default /opt/baas: app/, bin/baas, baas.service)
  --data-dir DIR      database, master key and backups (default /var/lib/baas, mode 0700)
  --config-dir DIR    config.json and baas.env (default /etc/baas, files 0640 root:baas)
  --port N            TCP port on 127.0.0.1 (default 4000; on upgrade, changes the config)
  --public-url URL    the https:// URL Mercado Pago and WhatsApp reach this server at, i.e.
                      your reverse proxy's (on upgrade, changes the config)
  --user NAME         the system user baas runs as (default baas, created when missing)
  --no-systemd        install no systemd unit and start nothing: supervise `baas start`
                      yourself (also what works without root, e.g. in tests)
  --uninstall         stop and remove the service and the program
  --purge             with --uninstall: also delete the config and data dirs, backups included
  -h, --help          this help

Needs Node.js >= 20.17: when it is missing or older and apt is available, Node.js 22 LTS is
installed (from the distribution when its version is recent enough, otherwise the npm
registry's `node` package). Without root, only --no-systemd installs into directories this
user can write are possible; the system user and ownership changes are then skipped.

Example:
  sudo ./install.sh --from ./ecommerce-baas-0.1.0.tgz --public-url https://baas.agency.example
EOF
}

say() { printf '==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
warn() { printf 'install.sh: warning: %s\n' "$*" >&2; }
die() {
  printf 'install.sh: %s\n' "$*" >&2
  exit 1
}

# Options take their value as the next word or after "=".
while [ "$#" -gt 0 ]; do
  case "$1" in
    --*=*)
      option=${1%%=*}
      value=${1#*=}
      shift
      set -- "$option" "$value" "$@"
      continue
      ;;
  esac
  case "$1" in
    --from | --prefix | --data-dir | --config-dir | --port | --public-url | --user)
      if [ "$#" -lt 2 ] || [ -z "$2" ]; then die "$1 needs a value (see --help)"; fi
      case "$1" in
        --from) FROM=$2 ;;
        --prefix) PREFIX=$2 ;;
        --data-dir) DATA_DIR=$2 ;;
        --config-dir) CONFIG_DIR=$2 ;;
        --port) PORT=$2 ;;
        --public-url) PUBLIC_URL=$2 ;;
        --user) SERVICE_USER=$2 ;;
      esac
      shift 2
      ;;
    --no-systemd) SYSTEMD=0 && shift ;;
    --uninstall) ACTION=uninstall && shift ;;
    --purge) PURGE=1 && shift ;;
    -h | --help) usage && exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

absolute() {
  case "$1" in
    /*) printf '%s' "${1%/}" ;;
    *) printf '%s/%s' "$PWD" "${1%/}" ;;
  esac
}

# rm -rf and chown -R run on these: refuse the directories a typo could turn them into.
guard_dir() {
  case "$2" in
    / | /bin | /boot | /dev | /etc | /home | /lib | /opt | /proc | /root | /run | /sbin | /sys | /tmp | /usr | /usr/local | /var | /var/lib)
      die "$1 $2 is a system directory; choose a directory of its own, e.g. $3"
      ;;
  esac
}

PREFIX=$(absolute "$PREFIX")
DATA_DIR=$(absolute "$DATA_DIR")
CONFIG_DIR=$(absolute "$CONFIG_DIR")
guard_dir --prefix "$PREFIX" /opt/baas
guard_dir --data-dir "$DATA_DIR" /var/lib/baas
guard_dir --config-dir "$CONFIG_DIR" /etc/baas
case "$PORT" in
  '') ;;
  *[!0-9]*) die "--port $PORT is not a number" ;;
  *) if [ "$PORT" -lt 1024 ] || [ "$PORT" -gt 65535 ]; then die "--port $PORT: use 1024-65535 (a reverse proxy serves 80/443, see docs/install.md)"; fi ;;
esac
case "$PUBLIC_URL" in
  '' | http://* | https://*) ;;
  *) die "--public-url $PUBLIC_URL must start with https:// (or http:// for a test install)" ;;
esac
[ "$PURGE" -eq 0 ] || [ "$ACTION" = uninstall ] || die "--purge goes with --uninstall"

APP=$PREFIX/app
STAGE=$PREFIX/app.new
LAUNCHER=$PREFIX/bin/baas
UNIT_COPY=$PREFIX/baas.service
UNIT=/etc/systemd/system/baas.service
LINK=/usr/local/bin/baas
CONFIG_FILE=$CONFIG_DIR/config.json
ENV_FILE=$CONFIG_DIR/baas.env

IS_ROOT=0
[ "$(id -u)" -eq 0 ] && IS_ROOT=1
CURRENT_USER=$(id -un)

# ---------------------------------------------------------------------------------------------
# Checks

check_os() {
  [ "$(uname -s)" = Linux ] || die "baas installs on Linux (Debian or Ubuntu), not $(uname -s)"
  local ids name
  # In subshells: os-release defines VERSION, NAME… which must not leak into this script.
  # shellcheck disable=SC1091
  ids=$(. /etc/os-release 2>/dev/null && printf ' %s %s ' "${ID:-}" "${ID_LIKE:-}") || ids=''
  # shellcheck disable=SC1091
  name=$(. /etc/os-release 2>/dev/null && printf '%s' "${PRETTY_NAME:-}") || name=''
  case "$ids" in
    *' debian '* | *' ubuntu '*) say "OS: ${name:-Debian or a derivative}" ;;
    *) warn "${name:-this OS} is not Debian or Ubuntu: continuing, but only those are tested, and only apt can install Node.js for you" ;;
  esac
  if [ "$SYSTEMD" -eq 1 ]; then
    [ "$IS_ROOT" -eq 1 ] || die "installing the systemd service needs root: run it with sudo, or pass --no-systemd"
    [ -d /run/systemd/system ] || die "systemd is not running on this machine: pass --no-systemd and supervise \`baas start\` yourself"
  fi
}

# true when "$1" (e.g. 22.11.0, or apt's 18.19.0+dfsg-6) is at least NODE_MIN_MAJOR.NODE_MIN_MINOR
version_ok() {
  local version=${1#*:} major minor
  major=${version%%.*}
  minor=${version#*.}
  minor=${minor%%[!0-9]*}
  case "$major$minor" in '' | *[!0-9]*) return 1 ;; esac
  [ "$major" -gt "$NODE_MIN_MAJOR" ] || { [ "$major" -eq "$NODE_MIN_MAJOR" ] && [ "$minor" -ge "$NODE_MIN_MINOR" ]; }
}

node_ok() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && version_ok "$(node -p process.versions.node 2>/dev/null)"
}

ensure_node() {
  if node_ok; then
    say "Node.js $(node --version) ($(command -v node)), npm $(npm --version)"
    return
  fi
  local found candidate
  found=$(node --version 2>/dev/null || echo none)
  if [ "$IS_ROOT" -eq 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    die "baas needs Node.js >= $NODE_MIN_MAJOR.$NODE_MIN_MINOR with npm (found: $found). Install Node.js 22 LTS, then run this again"
  fi
  say "baas needs Node.js >= $NODE_MIN_MAJOR.$NODE_MIN_MINOR with npm (found: $found): installing it"
  apt-get update -qq
  candidate=$(apt-cache policy nodejs | awk '/Candidate:/ { print $2 }')
  if version_ok "$candidate"; then
    note "from the distribution: apt-get install nodejs npm ($candidate)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
  else
    note "the distribution's nodejs ($candidate) is too old: installing it only for npm, then"
    note "Node.js 22 from the npm registry's node package (npm install -g node@22, into /usr/local)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
    npm install -g --no-audit --no-fund node@22
    hash -r
  fi
  node_ok || die "Node.js is still $(node --version 2>/dev/null || echo missing); install Node.js 22 LTS by hand, then run this again"
  say "Node.js $(node --version) ($(command -v node))"
}

# sqlite3 downloads a prebuilt binary when it can and compiles itself otherwise, which needs these.
ensure_build_tools() {
  local missing='' tool
  for tool in python3 make g++; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
  done
  [ -n "$missing" ] || return 0
  if [ "$IS_ROOT" -eq 1 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing$missing (sqlite3 compiles from source when no prebuilt binary can be downloaded)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 make g++
  else
    warn "missing:$missing. If no prebuilt sqlite3 binary can be downloaded, npm must compile it: apt-get install python3 make g++"
  fi
}

# ---------------------------------------------------------------------------------------------
# Who runs baas and who owns what

# When root installs for another user, that user owns the data and runs every baas command.
DROP_PRIVILEGES=0

ensure_user() {
  if [ "$SERVICE_USER" = "$CURRENT_USER" ]; then
    return
  fi
  if [ "$IS_ROOT" -eq 0 ]; then
    note "not root: skipping the $SERVICE_USER system user and ownership changes; baas runs as $CURRENT_USER, which owns its files"
    SERVICE_USER=$CURRENT_USER
    return
  fi
  if ! id -u "$SERVICE_USER" >/dev/null 2>&1; then
    say "Creating the system user $SERVICE_USER"
    useradd --system --user-group --home-dir "$DATA_DIR" --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
  fi
  DROP_PRIVILEGES=1
}

# Idempotent: also repairs files a root shell may have created in the data dir.
prepare_dirs() {
  mkdir -p "$DATA_DIR" "$CONFIG_DIR" "$PREFIX/bin" ||
    die "cannot create the directories: run this as root (sudo), or choose ones you can write with --prefix, --data-dir and --config-dir"
  chmod 0700 "$DATA_DIR"
  chmod 0750 "$CONFIG_DIR"
  if [ "$DROP_PRIVILEGES" -eq 1 ]; then
    chown -R "$SERVICE_USER:$SERVICE_USER" "$DATA_DIR"
    chown "root:$SERVICE_USER" "$CONFIG_DIR"
  fi
}

# A config file readable by the service and writable by root only.
protect_config_file() {
  chmod 0640 "$1"
  if [ "$DROP_PRIVILEGES" -eq 1 ]; then
    chown "root:$SERVICE_USER" "$1"
  fi
}

# Runs a baas command of the given program dir as the service user, on this installation's config.
baas_in() {
  local app=$1
  shift
  if [ "$DROP_PRIVILEGES" -eq 1 ]; then
    HOME=$DATA_DIR BAAS_CONFIG="$CONFIG_FILE" setpriv --reuid="$SERVICE_USER" --regid="$SERVICE_USER" --init-groups -- "$NODE" "$app/bin/run.js" "$@"
  else
    BAAS_CONFIG="$CONFIG_FILE" "$NODE" "$app/bin/run.js" "$@"
  fi
}

# ---------------------------------------------------------------------------------------------
# The program

resolve_from() {
  if [ -z "$FROM" ]; then
    local here
    here=$(cd "$(dirname "$0")" && pwd)
    [ -f "$here/package.json" ] || die "--from is required: the .tgz built by npm pack (or an unpacked package directory)"
    FROM=$here
  fi
  FROM=$(absolute "$FROM")
  [ -e "$FROM" ] || die "--from $FROM: no such file or directory"
}

# A directory is packed first, so exactly what a tarball would hold is installed (no node_modules, no ./data).
stage_package() {
  local tarball=$FROM packed=''
  if [ -d "$FROM" ]; then
    packed=$(mktemp -d)
    say "Packing $FROM (npm pack)"
    tarball=$packed/$(cd "$FROM" && npm pack --silent --pack-destination "$packed" | tail -n 1)
  fi
  say "Unpacking $tarball"
  rm -rf "$STAGE"
  mkdir -p "$STAGE"
  tar -xzf "$tarball" -C "$STAGE" --strip-components=1 --no-same-owner || die "--from $FROM is not a package made by npm pack"
  [ -z "$packed" ] || rm -rf "$packed"
  if [ ! -f "$STAGE/bin/run.js" ] || [ ! -d "$STAGE/dist/commands" ]; then
    die "$FROM is not a built baas package (no dist/commands): build it with npm ci && npm run build && npm pack"
  fi
  NEW_VERSION=$("$NODE" -p 'require(process.argv[1]).version' "$STAGE/package.json")
}

# Reusing the installed node_modules saves recompiling sqlite3, but only for the same Node.js ABI.
install_dependencies() {
  local abi
  abi=$("$NODE" -p process.versions.modules)
  if [ -d "$APP/node_modules" ] && [ "$(cat "$APP/.node-abi" 2>/dev/null)" = "$abi" ]; then
    note "starting from the installed dependencies (same Node.js ABI $abi)"
    cp -a "$APP/node_modules" "$STAGE/"
  fi
  # A package has no lockfile (npm pack leaves it out): its exact versions pin the direct dependencies.
  say "Installing the production dependencies (when sqlite3 compiles from source: 1-3 minutes)"
  (cd "$STAGE" && npm install --omit=dev --no-audit --no-fund --loglevel=error) ||
    die "npm install failed (see above); nothing was changed: the installed version, if any, is as it was"
  printf '%s\n' "$abi" >"$STAGE/.node-abi"
}

# The new program replaces the old one in two renames; a failure before leaves the old one as it was.
swap_in() {
  rm -rf "$APP.old"
  if [ -d "$APP" ]; then
    mv "$APP" "$APP.old"
  fi
  mv "$STAGE" "$APP"
  rm -rf "$APP.old"
}

installed_version() {
  "$NODE" -p 'require(process.argv[1]).version' "$APP/package.json" 2>/dev/null || echo '(program removed, config and data kept)'
}

write_launcher() {
  # A young generation of 2 x 4 MB instead of V8's 2 x 16 MB: ~25 MB less resident memory for the
  # server, with no measurable cost to its throughput (README, "Memory").
  local node_flags='--max-semi-space-size=4'
  local drop=''
  if [ "$DROP_PRIVILEGES" -eq 1 ]; then
    drop="
# As root, become $SERVICE_USER: files root created in the data dir would lock the service out.
if [ \"\$(id -u)\" -eq 0 ]; then
  export HOME='$DATA_DIR'
  exec setpriv --reuid='$SERVICE_USER' --regid='$SERVICE_USER' --init-groups -- \"$NODE\" $node_flags \"$APP/bin/run.js\" \"\$@\"
fi"
  fi
  cat >"$LAUNCHER.new" <<EOF
#!/bin/sh
# The baas command of the installation in $PREFIX, written by install.sh (re-running it rewrites this).
# It sees what the service sees: $ENV_FILE, which names $CONFIG_FILE.
if [ -r "$ENV_FILE" ]; then
  set -a
  # shellcheck source=/dev/null
  . "$ENV_FILE"
  set +a
fi
export BAAS_CONFIG="\${BAAS_CONFIG:-$CONFIG_FILE}"
$drop
exec "$NODE" $node_flags "$APP/bin/run.js" "\$@"
EOF
  chmod 0755 "$LAUNCHER.new"
  mv "$LAUNCHER.new" "$LAUNCHER"
}

write_env_file() {
  [ -f "$ENV_FILE" ] || cat >"$ENV_FILE" <<EOF
# Environment of baas: read by the systemd unit (EnvironmentFile) and by $LAUNCHER.
# Settings live in $CONFIG_FILE; a BAAS_* variable set here overrides it (e.g. BAAS_LOG_LEVEL=debug).
BAAS_CONFIG=$CONFIG_FILE
NODE_ENV=production
EOF
  protect_config_file "$ENV_FILE"
}

write_unit() {
  cat >"$UNIT_COPY" <<EOF
# Written by install.sh; re-running it rewrites this file. Local changes: systemctl edit baas
[Unit]
Description=baas e-commerce backend
Documentation=file://$APP/README.md
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=$SERVICE_USER
Group=$SERVICE_USER
EnvironmentFile=$ENV_FILE
ExecStart=$LAUNCHER start
WorkingDirectory=$DATA_DIR
Restart=on-failure
RestartSec=5s
# baas stops gracefully within 10 s of SIGTERM.
TimeoutStopSec=15s
UMask=0077
NoNewPrivileges=true
ProtectSystem=strict
ReadWritePaths=$DATA_DIR
ProtectHome=true
PrivateTmp=true
PrivateDevices=true
ProtectKernelTunables=true
ProtectKernelModules=true
ProtectKernelLogs=true
ProtectControlGroups=true
ProtectClock=true
ProtectHostname=true
RestrictSUIDSGID=true
RestrictRealtime=true
RestrictNamespaces=true
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6
LockPersonality=true
SystemCallArchitectures=native
CapabilityBoundingSet=

[Install]
WantedBy=multi-user.target
EOF
  chmod 0644 "$UNIT_COPY"
}

# Waits for /healthz so a service that cannot start is reported here rather than found later.
wait_healthy() {
  "$NODE" -e '
    const url = process.argv[1];
    const deadline = Date.now() + 30_000;
    const poll = () => fetch(url).then((r) => r.ok ? process.exit(0) : retry(), retry);
    const retry = () => (Date.now() > deadline ? process.exit(1) : setTimeout(poll, 500));
    poll();' "http://127.0.0.1:$1/healthz"
}

configured_port() {
  "$NODE" -p 'require(process.argv[1]).port ?? 4000' "$CONFIG_FILE"
}

# ---------------------------------------------------------------------------------------------
# Install or upgrade

first_install() {
  say "First install: writing $CONFIG_FILE, creating the database and the master key (baas init)"
  local url_flag=()
  if [ -n "$PUBLIC_URL" ]; then
    url_flag=(--public-url "$PUBLIC_URL")
  fi
  # As the installing user, who can write the config dir; prepare_dirs then hands the data over.
  # Its own next steps would contradict the summary below: shown only when it fails.
  local output
  output=$(BAAS_LOG_LEVEL=warn "$NODE" "$APP/bin/run.js" init --yes --output "$CONFIG_FILE" --data-dir "$DATA_DIR" \
    --port "${PORT:-4000}" "${url_flag[@]}" 2>&1) || die "baas init failed: $output"
  protect_config_file "$CONFIG_FILE"
  prepare_dirs
}

# --port and --public-url on a re-run change the existing config; baas migrate validates it next.
update_config() {
  [ -n "$PORT$PUBLIC_URL" ] || return 0
  say "Updating $CONFIG_FILE:${PORT:+ port=$PORT}${PUBLIC_URL:+ public_url=$PUBLIC_URL}"
  "$NODE" -e '
    const fs = require("node:fs");
    const [file, port, url] = process.argv.slice(1);
    const config = JSON.parse(fs.readFileSync(file, "utf8"));
    if (port) config.port = Number(port);
    if (url) config.public_url = url;
    fs.writeFileSync(file + ".new", JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
    fs.renameSync(file + ".new", file);' "$CONFIG_FILE" "$PORT" "$PUBLIC_URL"
  protect_config_file "$CONFIG_FILE"
}

service_active() {
  [ "$SYSTEMD" -eq 1 ] && systemctl is-active --quiet baas
}

install_or_upgrade() {
  check_os
  ensure_node
  NODE=$(command -v node)
  ensure_build_tools
  ensure_user
  resolve_from
  prepare_dirs
  stage_package
  install_dependencies

  local previous=''
  if [ -f "$CONFIG_FILE" ]; then
    previous=$(installed_version)
    say "Found $CONFIG_FILE: upgrading baas $previous to $NEW_VERSION, backing up first (baas backup)"
    baas_in "$STAGE" backup || die "the backup failed, so nothing was changed; fix the problem above and run this again"
    update_config
    if service_active; then
      say "Stopping the service"
      systemctl stop baas
    fi
    swap_in
    say "Applying migrations (baas migrate)"
    baas_in "$APP" migrate || die "baas migrate failed; the backup above restores the data (baas restore FILE --force, see docs/install.md)"
  else
    swap_in
    first_install
  fi
  write_launcher
  write_env_file

  write_unit
  if [ "$SYSTEMD" -eq 1 ]; then
    install -m 0644 "$UNIT_COPY" "$UNIT"
    ln -sf "$LAUNCHER" "$LINK"
    systemctl daemon-reload
    systemctl enable --quiet baas
    say "Starting the service"
    systemctl restart baas
    wait_healthy "$(configured_port)" || die "baas did not become healthy within 30 s; see: journalctl -u baas -n 50"
  elif [ -n "$previous" ]; then
    note "--no-systemd: restart your own baas process now, so the new version runs"
  fi
  summary "$previous"
}

summary() {
  local port url command=$LAUNCHER how also=''
  port=$(configured_port)
  url=$("$NODE" -p 'require(process.argv[1]).public_url ?? ""' "$CONFIG_FILE")
  if [ "$SYSTEMD" -eq 1 ]; then
    command='sudo baas'
    also=" (also $LINK)"
  elif [ "$IS_ROOT" -eq 1 ]; then
    command="sudo $LAUNCHER"
  fi
  if [ -n "$1" ]; then how="upgraded from $1"; else how='installed'; fi
  cat <<EOF

baas $NEW_VERSION is $how.

  URL        http://127.0.0.1:$port (health: /healthz)   public URL: ${url:-not set, see below}
  Config     $CONFIG_FILE and $ENV_FILE
  Data       $DATA_DIR (database, master key; backups in $DATA_DIR/backups)
  Program    $APP, command $LAUNCHER$also
EOF
  if [ "$SYSTEMD" -eq 1 ]; then
    cat <<EOF
  Service    systemctl status baas   (runs as $SERVICE_USER)
  Logs       journalctl -u baas -f
EOF
  else
    cat <<EOF
  Service    none (--no-systemd): run "$LAUNCHER start" under your own supervisor
  Logs       the standard output of that process
EOF
  fi
  cat <<EOF

Next:
  Create a store:   $command stores create --name "Loja da Ana" --currency BRL --locale pt-BR
  Check it all:     $command doctor
  Back up:          $command backup        (daily, and copy the archives off this machine)
EOF
  if [ -z "$url" ]; then
    printf '  Go public:        put a TLS reverse proxy in front (docs/install.md), then run this again with --public-url https://…\n'
  fi
  printf '  Upgrade:          run this script again with the new package (--from …)\n'
}

# ---------------------------------------------------------------------------------------------
# Uninstall

uninstall() {
  # Only this installation's unit: another prefix's (or a test's) uninstall must not stop it.
  if [ -f "$UNIT" ] && grep -qxF "ExecStart=$LAUNCHER start" "$UNIT"; then
    [ "$IS_ROOT" -eq 1 ] || die "removing the systemd service needs root: run it with sudo"
    say "Stopping and removing the service"
    systemctl disable --now --quiet baas || true
    rm -f "$UNIT"
    systemctl daemon-reload
  fi
  if [ -L "$LINK" ] && [ "$(readlink "$LINK")" = "$LAUNCHER" ]; then
    rm -f "$LINK"
  fi
  say "Removing $PREFIX"
  rm -rf "$APP" "$STAGE" "$APP.old" "$LAUNCHER" "$UNIT_COPY"
  rmdir "$PREFIX/bin" "$PREFIX" 2>/dev/null || true
  if [ "$PURGE" -eq 1 ]; then
    say "Purging $CONFIG_DIR and $DATA_DIR (database, master key, backups)"
    rm -rf "$CONFIG_DIR" "$DATA_DIR"
    if [ "$IS_ROOT" -eq 1 ] && [ "$SERVICE_USER" != "$CURRENT_USER" ] && id -u "$SERVICE_USER" >/dev/null 2>&1; then
      userdel "$SERVICE_USER" || warn "could not remove the user $SERVICE_USER"
    fi
  else
    note "kept $CONFIG_DIR and $DATA_DIR (database, master key, backups): reinstalling picks them up; --purge deletes them"
  fi
  say "baas is uninstalled"
}

if [ "$ACTION" = uninstall ]; then
  uninstall
else
  install_or_upgrade
fi
