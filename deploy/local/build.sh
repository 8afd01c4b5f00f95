#!/usr/bin/env bash
# Builds the services and the local stack when any pom or source changed since the last build, and
# does nothing otherwise. Used by run.sh, chaos.sh and bench.sh; output goes to stderr.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STAMP="$ROOT/deploy/local/stack/target/.storyline-built"
CLASSPATH_FILE="$ROOT/deploy/local/stack/target/runner.classpath"

needs_build() {
  [ -f "$STAMP" ] && [ -f "$CLASSPATH_FILE" ] || return 0
  [ -n "$(cd "$ROOT" && find . -path ./.git -prune -o -name target -prune -o -name node_modules -prune -o \
      \( -name pom.xml -o -path '*/src/*' \) -type f -newer "$STAMP" -print -quit)" ]
}

if needs_build; then
  echo "storyline: building (the first run downloads dependencies; later runs skip this while nothing changed) ..." >&2
  "$ROOT/mvnw" -f "$ROOT/pom.xml" -q -B -Dmaven.test.skip=true package >&2
  touch "$STAMP"
fi
