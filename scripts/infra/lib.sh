# Shared helpers for the development and test servers. Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="$ROOT/.tmp/servers"
mkdir -p "$STATE"

log() { printf '[servers] %s\n' "$*" >&2; }

# wait_for_port HOST PORT SECONDS
wait_for_port() {
  local host=$1 port=$2 deadline=$((SECONDS + $3))
  until (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; do
    if ((SECONDS > deadline)); then
      log "nothing answered on $host:$port"
      return 1
    fi
    sleep 0.2
  done
}

is_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
  if ! is_root; then
    log "missing $*; run this script as root to install it, or install it yourself"
    return 1
  fi
  log "installing $* from Debian's packages"
  if [ ! -f "$STATE/apt-updated" ]; then
    apt-get update -qq && touch "$STATE/apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
