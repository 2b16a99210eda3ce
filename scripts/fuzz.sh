#!/usr/bin/env bash
# Runs every fuzz target in the module for the given time each (default 8s).
# Targets are found by name, so a new Fuzz function is run without editing this.
set -euo pipefail
t=${1:-8s}
cd "$(dirname "$0")/.."
status=0
while IFS=: read -r file name; do
  pkg=./$(dirname "$file")
  echo "fuzz $pkg $name ($t)"
  go test -run '^$' -fuzz "^${name}\$" -fuzztime "$t" "$pkg" || status=1
done < <(grep -rHoE --include='*_test.go' '^func (Fuzz[A-Za-z0-9_]+)\(' . | sed -E 's/^\.\/(.*):func (Fuzz[A-Za-z0-9_]+)\(/\1:\2/' | sort -u)
exit $status
