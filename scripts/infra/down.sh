#!/usr/bin/env bash
# Stops the servers started by up.sh.
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/infra/ferretdb.sh" stop
"$ROOT/scripts/infra/postgres.sh" stop
"$ROOT/scripts/infra/rabbitmq.sh" stop
