#!/usr/bin/env bash
# RabbitMQ for development and tests: installs it from Debian's packages when missing (as root),
# starts a node on 127.0.0.1:5672 (guest/guest) and waits until it accepts work.
#   scripts/infra/rabbitmq.sh start|stop|status
source "$(dirname "$0")/lib.sh"

running() { rabbitmqctl -q status >/dev/null 2>&1; }

start() {
  command -v rabbitmq-server >/dev/null 2>&1 || apt_install rabbitmq-server
  if running; then
    log "rabbitmq already running"
  else
    # The consistent-hash exchange partitions events by stream for projector replicas.
    rabbitmq-plugins -q enable --offline rabbitmq_consistent_hash_exchange >/dev/null
    log "starting rabbitmq"
    rabbitmq-server -detached >/dev/null 2>&1 || true
    local deadline=$((SECONDS + 120))
    # await_startup fails at once until the node has registered with epmd.
    until rabbitmqctl -q await_startup >/dev/null 2>&1; do
      ((SECONDS < deadline)) || { log "rabbitmq did not start"; return 1; }
      sleep 1
    done
  fi
  wait_for_port 127.0.0.1 5672 60
  echo "amqp://guest:guest@127.0.0.1:5672"
}

stop() {
  if running; then rabbitmqctl -q stop >/dev/null; fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) running && echo running || echo stopped ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
