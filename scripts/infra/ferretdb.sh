#!/usr/bin/env bash
# FerretDB, a MongoDB-wire server, for tests, the bench and the local stack. Built from Go's module
# proxy on first use (needs Go; about a minute), run on 127.0.0.1:27027 over the project's own
# PostgreSQL (postgres.sh, started here when needed): its SQLite backend reads the whole
# collection on every update, so writes slow down as data grows.
#   scripts/infra/ferretdb.sh start|stop|status
source "$(dirname "$0")/lib.sh"

VERSION=v1.24.2
PORT=${HCMS_FERRETDB_PORT:-27027}
BIN="$ROOT/.tmp/bin/ferretdb-$VERSION"
PIDFILE="$STATE/ferretdb.pid"
# What the running server was started with: one started differently (an older checkout's SQLite
# backend, another PostgreSQL) is restarted rather than reused.
STARTED="$STATE/ferretdb.started"
DATA="$STATE/ferretdb-state"

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
  local pg_url want
  pg_url=$("$ROOT/scripts/infra/postgres.sh" start)
  # The cluster's data directory too: a FerretDB left on a cluster since replaced is restarted.
  want="postgresql $pg_url $("$ROOT/scripts/infra/postgres.sh" datadir)"
  if running && [ "$(cat "$STARTED" 2>/dev/null)" != "$want" ]; then
    log "restarting ferretdb on PostgreSQL"
    stop
  fi
  if running; then
    log "ferretdb already running"
  else
    # A fresh server starts empty, as it did on SQLite: tests never drop the databases they make.
    "$ROOT/scripts/infra/postgres.sh" reset >/dev/null
    mkdir -p "$DATA"
    log "starting ferretdb on 127.0.0.1:$PORT"
    # Dotted-path equality is pushed down to PostgreSQL (experimental in 1.x: it misses matches
    # through arrays; read-model filters never go through one), so it can use an index.
    nohup "$BIN" --handler=postgresql --postgresql-url="$pg_url" --test-enable-nested-pushdown \
      --listen-addr="127.0.0.1:$PORT" --debug-addr=- --state-dir="$DATA" --telemetry=disable --log-level=warn \
      >"$STATE/ferretdb.log" 2>&1 &
    echo $! >"$PIDFILE"
    echo "$want" >"$STARTED"
  fi
  wait_for_port 127.0.0.1 "$PORT" 60
  echo "mongodb://127.0.0.1:$PORT/"
}

stop() {
  if running; then
    local pid
    pid=$(cat "$PIDFILE")
    kill "$pid"
    # The port must be free before a restart binds it again; one that hangs is killed after 10 s.
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$PIDFILE" "$STARTED"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) running && echo running || echo stopped ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
