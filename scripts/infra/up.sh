#!/usr/bin/env bash
# Starts every server the tests need and prints their URLs as environment assignments.
source "$(dirname "$0")/lib.sh"
echo "AMQP_URL=$("$ROOT/scripts/infra/rabbitmq.sh" start)"
echo "MONGODB_URL=$("$ROOT/scripts/infra/ferretdb.sh" start)"
