#!/usr/bin/env bash
# Runs every fuzz target in the module with the given budget (default
# 20000x: that many executions per target, after the seed corpus).
# Targets are found by name, so a new Fuzz function is run without editing this.
#
# The budget is a count, not a duration, on purpose: with a duration
# (-fuzztime 8s) Go 1.26's fuzz coordinator can report a spurious
# "context deadline exceeded" failure when the deadline fires while a
# worker is still busy (golang/go#75804, fixed only in Go 1.27). CI saw
# exactly that on FuzzReadBundleParts with no failing input written.
# A count has no deadline to race; a slow machine just takes longer.
set -euo pipefail
budget=${1:-20000x}
cd "$(dirname "$0")/.."
status=0
while IFS=: read -r file name; do
  pkg=./$(dirname "$file")
  echo "fuzz $pkg $name ($budget)"
  start=$SECONDS
  go test -run '^$' -fuzz "^${name}\$" -fuzztime "$budget" -timeout 20m "$pkg" || status=1
  echo "fuzz $name took $((SECONDS - start)) s"
done < <(grep -rHoE --include='*_test.go' '^func (Fuzz[A-Za-z0-9_]+)\(' . | sed -E 's/^\.\/(.*):func (Fuzz[A-Za-z0-9_]+)\(/\1:\2/' | sort -u)
exit $status
