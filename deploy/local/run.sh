#!/usr/bin/env bash
# Runs the whole pipeline on this machine: a real single-node Kafka (KRaft) and the three services,
# feeds seeds/ (or DIR) through ingest and prints the stories. See --help.
#   deploy/local/run.sh                 interactive: a table of stories as they are published, until Ctrl-C
#   deploy/local/run.sh --once DIR      ingest DIR, print each final story as one JSON line on stdout, exit
# Builds first when any pom or source changed since the last build (the first run downloads dependencies).
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

exec java -Dstoryline.repo="$ROOT" -cp "$ROOT/deploy/local/stack/target/classes:$(cat "$CLASSPATH_FILE")" \
  io.storyline.local.LocalStackMain "$@"
