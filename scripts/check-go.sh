#!/usr/bin/env bash
# Go cannot be installed from Debian at the version we need (1.26), so we
# only check for it and say where to get it.
set -euo pipefail
if ! command -v go >/dev/null; then
  echo "Go 1.26 or newer is required: https://go.dev/dl/ (put it on PATH and run make again)" >&2
  exit 1
fi
