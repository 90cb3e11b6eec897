#!/usr/bin/env bash
# FerretDB, a MongoDB-wire server, for tests of the MongoDB adapter. Built from Go's module proxy
# on first use (needs Go; about a minute), run on its SQLite backend in .tmp/, on 127.0.0.1:27027.
#   scripts/infra/ferretdb.sh start|stop|status
source "$(dirname "$0")/lib.sh"

VERSION=v1.24.2
PORT=${HCMS_FERRETDB_PORT:-27027}
BIN="$ROOT/.tmp/bin/ferretdb-$VERSION"
PIDFILE="$STATE/ferretdb.pid"
DATA="$STATE/ferretdb-data"

find_go() {
  command -v go 2>/dev/null || { [ -x /usr/local/go/bin/go ] && echo /usr/local/go/bin/go; } || {
    log "Go is needed to build FerretDB once; install Go 1.21 or newer"
    return 1
  }
}

build() {
  local go src work
  go=$(find_go)
  log "building FerretDB $VERSION (once)"
  src=$("$go" mod download -json "github.com/FerretDB/FerretDB@$VERSION" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')
  work=$(mktemp -d)
  cp -r "$src/." "$work" && chmod -R u+w "$work"
  # `go install` leaves the embedded version file empty and the binary panics at start.
  echo "$VERSION" >"$work/build/version/version.txt"
  mkdir -p "$(dirname "$BIN")"
  (cd "$work" && "$go" build -o "$BIN" ./cmd/ferretdb)
  rm -rf "$work"
}

running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

start() {
  [ -x "$BIN" ] || build
  if running; then
    log "ferretdb already running"
  else
    rm -rf "$DATA" && mkdir -p "$DATA"
    log "starting ferretdb on 127.0.0.1:$PORT"
    nohup "$BIN" --handler=sqlite --sqlite-url="file:$DATA/" --listen-addr="127.0.0.1:$PORT" \
      --debug-addr=- --state-dir="$DATA" --telemetry=disable --log-level=warn >"$STATE/ferretdb.log" 2>&1 &
    echo $! >"$PIDFILE"
  fi
  wait_for_port 127.0.0.1 "$PORT" 60
  echo "mongodb://127.0.0.1:$PORT/"
}

stop() {
  if running; then kill "$(cat "$PIDFILE")" && rm -f "$PIDFILE"; fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) running && echo running || echo stopped ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
