#!/usr/bin/env bash
# A week of one dedupe partition on one instance (issue #18): retained heap per article in a 7-day window, the CPU
# time of one decision, and what a restart costs before its first new decision.
#
#   deploy/local/bench-window.sh [ARTICLES]        (default 1000000: ~143,000 articles a day for 7 days)
#   env: BASE_ARTICLES  real analyser outputs the stream is built from (default 5000; analysed once, cached in
#                       dedupe-service/core/target/bench-stories, shared with bench-stories.sh)
#        DAYS           days the stream spans (default 7)
#        HEAP           the JVM's maximum heap (default 14g)
#        HOLDERS=1      also the bytes each holder's object graph retains (ledger, clustering, board; JOL), with
#                       a class footprint of each: slow, and needs heap for the walk
#        JAVA_OPTS      extra JVM options
#
# Input: the end-to-end benchmark's synthetic newsroom, analysed by nlp's real ArticleAnalyzer, repeated in disjoint
# epochs to ARTICLES as bench-stories.sh does (see StoryStream). Fed through the redelivery ledger, ArticleClustering
# (near-duplicate index, events, storylines) and the story board's read model, then a full GC: retained_bytes is the
# heap in use after it, less the heap in use before the state existed. The restore replays the window into fresh
# state and decides one new article. Progress and a class histogram go to stderr; the last stdout line is one JSON
# object: articles, retained_bytes, bytes_per_article, decide_ms_p50, decide_ms_p99, checkpoint_bytes,
# restore_to_first_decision_s, full_replay_s and more.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
APP="$ROOT/dedupe-service"
CORE="$APP/core"
OUT="$CORE/target/bench-stories"
ARTICLES="${1:-1000000}"
BASE="${BASE_ARTICLES:-5000}"
[[ "$BASE" -gt "$ARTICLES" ]] && BASE="$ARTICLES"
PER_DAY="$(( ARTICLES / ${DAYS:-7} ))"
mkdir -p "$OUT"

echo "bench-window: compiling the project modules dedupe-service needs, resolving its test classpath ..." >&2
"$ROOT/deploy/local/build.sh" classpath dedupe-service test "$OUT/window.classpath"
CP="$CORE/target/test-classes:$CORE/target/classes:$(cat "$OUT/window.classpath")"

# shellcheck source=newsroom-corpus.sh
source "$ROOT/deploy/local/newsroom-corpus.sh"
newsroom_corpus "$BASE" "$PER_DAY" "$OUT" "$CP"

PROPS=()
[[ -n "${HOLDERS:-}" ]] && PROPS+=(-Dbench.holders=true)
# shellcheck disable=SC2086
exec java -Xmx"${HEAP:-14g}" -XX:+UseParallelGC ${JAVA_OPTS:-} "${PROPS[@]}" \
  -cp "$APP/target/test-classes:$APP/target/classes:$CP" io.storyline.dedupe.bench.WindowBenchmark "$CORPUS" "$ARTICLES" "$BASE"
