#!/usr/bin/env bash
# poppler's pdftotext, with which the billing specs read the text of the PDFs they render:
# installs Debian's poppler-utils when it is missing (as root). Prints the executable.
#   scripts/infra/poppler.sh
source "$(dirname "$0")/lib.sh"

command -v pdftotext >/dev/null 2>&1 || apt_install poppler-utils
command -v pdftotext
