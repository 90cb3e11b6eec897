#!/usr/bin/env bash
# Schemathesis, the property-based OpenAPI fuzzer the e2e tier runs against the platform, in its
# own Python virtual environment under .tmp/ so no system Python package is touched. Installed
# once (under a minute); later calls only check the pinned version. Prints the executable.
#   scripts/infra/schemathesis.sh
source "$(dirname "$0")/lib.sh"

VERSION=4.32.5
VENV="$ROOT/.tmp/schemathesis-$VERSION"
BIN="$VENV/bin/schemathesis"

find_python() {
  local candidate
  for candidate in python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 9))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  log "Python 3.9 or newer (with venv) is needed for the OpenAPI fuzzer"
  return 1
}

install() {
  local python
  python=$(find_python)
  log "installing schemathesis $VERSION into .tmp/ (once)"
  rm -rf "$VENV"
  "$python" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$VERSION" >&2
}

# The version check guards against a half-finished earlier install.
installed() { [ -x "$BIN" ] && "$VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('schemathesis') != '$VERSION')" 2>/dev/null; }

installed || install
echo "$BIN"
