#!/usr/bin/env bash
# Fault injection: pushes ARTICLES synthetic articles (default 20000; with near-duplicates and many
# stories) through the whole pipeline twice — undisturbed, then while ingest, nlp and dedupe are
# SIGKILLed at random moments and restarted, and the broker is killed and restarted once — and
# compares. The last stdout line is one JSON object:
#   {"articles","kills","restarts","broker_restarts","lost","doubled","stories_identical",...}
# Exit status 0 only when nothing was lost or doubled and the stories are identical.
#   deploy/local/chaos.sh [ARTICLES] [SEED]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
"$ROOT/deploy/local/build.sh"
exec java -Dstoryline.repo="$ROOT" -cp "$ROOT/deploy/local/stack/target/classes:$(cat "$ROOT/deploy/local/stack/target/runner.classpath")" \
  io.storyline.local.chaos.FaultInjectionRun "$@"
