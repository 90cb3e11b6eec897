#!/usr/bin/env bash
# Starts every server the tests need and prints their URLs as environment assignments.
source "$(dirname "$0")/lib.sh"
echo "AMQP_URL=$("$ROOT/scripts/infra/rabbitmq.sh" start)"
# FerretDB stores its data in PostgreSQL: this starts it first.
echo "MONGODB_URL=$("$ROOT/scripts/infra/ferretdb.sh" start)"
# Not a server: the OpenAPI fuzzer of the e2e tier, installed here so a fresh machine has it
# before the tests run. Its spec reports a failed install itself, so this never stops the run.
"$ROOT/scripts/infra/schemathesis.sh" >/dev/null || log "the OpenAPI fuzzer could not be installed"
# Nor this: pdftotext, which the billing specs read their PDFs with. Their helper names the
# missing tool, so a failed install does not stop the run either.
"$ROOT/scripts/infra/poppler.sh" >/dev/null || log "pdftotext (poppler-utils) could not be installed"
