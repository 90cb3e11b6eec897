#!/usr/bin/env bash
# The project's own PostgreSQL cluster, FerretDB's backend for tests, the bench and the local stack.
# Lives in .tmp/ (created on first use; as root, in a directory of the postgres user named after
# this checkout, which postgres may not be able to reach), listens only on 127.0.0.1, never touches
# a system cluster.
# Installs PostgreSQL from Debian's packages when missing (as root). Prints the URL on start.
# `reset` empties FerretDB's database (every MongoDB database in it is a schema).
#   scripts/infra/postgres.sh start|stop|status|reset|datadir
source "$(dirname "$0")/lib.sh"

PORT=${HCMS_POSTGRES_PORT:-54329}
# One cluster per checkout. As root the cluster runs as postgres, which cannot enter a checkout in
# a private home directory; the socket path must stay under the 107 bytes a socket name allows.
KEY=$(printf '%s' "$ROOT" | md5sum | cut -c1-10)
if is_root; then HOME_DIR="/var/tmp/hcms-postgres-$KEY"; else HOME_DIR="$STATE"; fi
DATA="$HOME_DIR/postgres-data"
LOGFILE="$HOME_DIR/postgres.log"
SOCKETS="/tmp/hcms-pg-$KEY"
# Where an earlier version of this script kept the cluster as root: stopped before this one starts.
LEGACY_DATA="$STATE/postgres-data"
ROLE=ferretdb
DATABASE=ferretdb

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && BIN=$dir
  done
  [ -n "${BIN:-}" ]
}

find_bin || { apt_install postgresql && find_bin; } || {
  log "PostgreSQL not found"
  exit 1
}

# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
as_owner() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg() { (cd / && as_owner "$BIN/$1" "${@:2}"); }

sql() { pg psql -qtA -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -c "$1"; }

running() { [ -f "$DATA/postmaster.pid" ] && pg pg_ctl status -D "$DATA" >/dev/null 2>&1; }

init() {
  log "creating the PostgreSQL cluster (once)"
  rm -rf "$DATA" && mkdir -p "$DATA" "$SOCKETS"
  if is_root; then chown postgres: "$HOME_DIR" "$DATA" "$SOCKETS"; fi
  chmod 700 "$DATA"
  # Trust on the loopback only: a throwaway local server for tests, never reachable from outside.
  pg initdb -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  cat >>"$DATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$SOCKETS'
max_connections = 200
shared_buffers = 256MB
effective_cache_size = 1GB
work_mem = 16MB
maintenance_work_mem = 128MB
# Commits are durable on disk (fsync stays on), only reported before the WAL flush: a crash can
# lose the last few hundred milliseconds of commits, never corrupt the cluster. Honest for a
# test and bench server, and what lets 2 cores keep up with per-event writes.
synchronous_commit = off
wal_compression = on
checkpoint_timeout = 15min
max_wal_size = 2GB
# FerretDB runs its statements prepared; a plan for the actual values lets an index on an
# expression match them (a generic plan sees only parameters).
plan_cache_mode = force_custom_plan
log_min_messages = warning
EOF
}

# FerretDB 1.x builds btree indexes on (_jsonb -> 'field'), but pushes equality down as
# `_jsonb -> 'field' @> value` (or `_jsonb #> '{a,b}' @> value` for dotted paths): an operator a
# btree cannot serve, so every lookup, _id included, scans the table. For each such index this
# adds a GIN twin on the expression the pushdown uses (of the first key: only equality is pushed
# down), which PostgreSQL can use for `@>`. Ranges, `$in`, `$or`, `$and` and sorts are never
# pushed down by FerretDB 1.x: those still read every document. The twins take each insert at once
# (fastupdate off): with a pending list, every lookup also scanned up to 4 MB of entries not yet
# merged, ~7 ms per read by id after 100,000 inserts, and the read model's reads saturated the cluster.
install_gin_twins() {
  pg psql -qX -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d "$DATABASE" >/dev/null <<'SQL'
CREATE OR REPLACE FUNCTION hcms_gin_twin() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
DECLARE
  cmd record;
  keys text[];
  target text;
  expr text;
BEGIN
  FOR cmd IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE INDEX' AND object_type = 'index' LOOP
    SELECT format('%I.%I', n.nspname, t.relname), pg_get_indexdef(i.indexrelid, 1, false)
      INTO target, expr
      FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_am a ON a.oid = x.relam
     WHERE i.indexrelid = cmd.objid AND a.amname = 'btree' AND t.relname NOT LIKE '\_ferretdb\_%';
    CONTINUE WHEN expr IS NULL OR expr !~ '^\(*_jsonb( -> ''[A-Za-z0-9_$]+''::text\)*)+$';
    SELECT array_agg(m[1]) INTO keys FROM regexp_matches(expr, '''([A-Za-z0-9_$]+)''::text', 'g') AS m;
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((%s) jsonb_path_ops) WITH (fastupdate = off)',
      left((SELECT relname FROM pg_class WHERE oid = cmd.objid), 59) || '_gin', target,
      CASE WHEN cardinality(keys) = 1 THEN format('_jsonb -> %L', keys[1]) ELSE format('_jsonb #> %L', keys) END);
  END LOOP;
END
$fn$;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtname = 'hcms_gin_twin') THEN
    CREATE EVENT TRIGGER hcms_gin_twin ON ddl_command_end WHEN TAG IN ('CREATE INDEX') EXECUTE FUNCTION hcms_gin_twin();
  END IF;
END $$;
SQL
}

stop_legacy() {
  if [ "$LEGACY_DATA" != "$DATA" ] && [ -f "$LEGACY_DATA/postmaster.pid" ]; then
    pg pg_ctl stop -D "$LEGACY_DATA" -m fast -w >/dev/null 2>&1 || true
  fi
}

start() {
  stop_legacy
  [ -f "$DATA/PG_VERSION" ] || init
  mkdir -p "$SOCKETS"
  if is_root; then chown postgres: "$SOCKETS"; fi
  if running; then
    log "postgres already running"
  else
    log "starting postgres on 127.0.0.1:$PORT"
    # The log file is opened by the owner of the cluster, so it must be able to write it.
    touch "$LOGFILE" && if is_root; then chown postgres: "$LOGFILE"; fi
    pg pg_ctl start -D "$DATA" -l "$LOGFILE" -w -t 60 >/dev/null
  fi
  wait_for_port 127.0.0.1 "$PORT" 60
  sql "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'" | grep -q 1 || sql "CREATE ROLE $ROLE LOGIN" >/dev/null
  sql "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'" | grep -q 1 ||
    sql "CREATE DATABASE $DATABASE OWNER $ROLE" >/dev/null
  install_gin_twins
  echo "postgres://$ROLE@127.0.0.1:$PORT/$DATABASE"
}

reset() {
  start >/dev/null
  sql "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)"
  start
}

stop() {
  stop_legacy
  if running; then pg pg_ctl stop -D "$DATA" -m fast -w >/dev/null; fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  reset) reset ;;
  status) running && echo running || echo stopped ;;
  datadir) echo "$DATA" ;;
  *) echo "usage: $0 start|stop|status|reset|datadir" >&2; exit 2 ;;
esac
