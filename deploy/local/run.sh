#!/usr/bin/env bash
# Runs the whole pipeline on this machine: a real single-node Kafka (KRaft) and the three services,
# feeds seeds/ (or DIR) through ingest and prints the stories. See --help.
#   deploy/local/run.sh                 interactive: a table of stories as they are published, until Ctrl-C
#   deploy/local/run.sh --once DIR      ingest DIR, print each final story as one JSON line on stdout, exit
# Builds first when any pom or source changed since the last build (the first run downloads dependencies).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
"$ROOT/deploy/local/build.sh"
exec java -Dstoryline.repo="$ROOT" -cp "$ROOT/deploy/local/stack/target/classes:$(cat "$ROOT/deploy/local/stack/target/runner.classpath")" \
  io.storyline.local.LocalStackMain "$@"
