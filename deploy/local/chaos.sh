#!/usr/bin/env bash
# Fault injection: pushes ARTICLES synthetic articles (default 20000; with near-duplicates and many
# stories) through the whole pipeline twice: undisturbed, then with a second nlp and dedupe instance
# while instances are SIGKILLed (one fault in four a SIGTERM) at random moments and restarted until
# every article is out (at least 4 SIGKILLs: on a fast machine the push waits for them), and the broker
# is killed and restarted once; then compares the outputs.
# The last stdout line is one JSON object:
#   {"articles","instances","kills","sigterm_stops","restarts","broker_restarts","partition_moves",
#    "lost","doubled","stories_identical","storylines_identical","storylines","storylines_differing",...}
# Exit status 0 only when nothing was lost or doubled and the stories (events) and storylines are identical.
#   deploy/local/chaos.sh [ARTICLES] [SEED]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
"$ROOT/deploy/local/build.sh"
exec java -Dstoryline.repo="$ROOT" -cp "$ROOT/deploy/local/stack/target/classes:$(cat "$ROOT/deploy/local/stack/target/runner.classpath")" \
  io.storyline.local.chaos.FaultInjectionRun "$@"
