#!/usr/bin/env bash
# Story-state cost of dedupe-service/core (ArticleClustering: near-duplicate LSH + story clustering + redelivery ledger),
# per article, for the live decision and for the state restore that replays the input topic after a restart.
#
#   deploy/local/bench-stories.sh [ARTICLES]        (default 100000)
#   env: BASE_ARTICLES  real analyser outputs the stream is built from (default 5000; cached in target/)
#        PER_DAY        articles a day in the stream (default ARTICLES/7: a 7-day window, issue #7)
#        JFR=DIR        also record a JFR profile of each phase into DIR
#        DIGEST=1       also print outputs_sha256: a digest of every live output (equal digest = identical decisions);
#                       DIGEST=only prints just that
#        JAVA_OPTS      extra JVM options
#
# Input: the end-to-end benchmark's synthetic newsroom (deploy/local/stack, Newsroom: many events, independent
# write-ups, 15% near-duplicate wire copies), analysed by nlp-service's real ArticleAnalyzer (entities, terms,
# datelines) once and cached. When ARTICLES > BASE_ARTICLES the stream repeats the analysed block in epochs, each a
# disjoint copy (every word of title, text, terms and entity names suffixed with the epoch, new ids and urls) shifted
# in time so the stream's clock keeps advancing: see StoryStream.
# Timing is per-thread CPU time (ThreadMXBean), so other load on the machine matters less; load average is printed.
# The last stdout line is one JSON object.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODULE="$ROOT/dedupe-service/core"
OUT="$MODULE/target/bench-stories"
ARTICLES="${1:-100000}"
BASE="${BASE_ARTICLES:-5000}"
[[ "$BASE" -gt "$ARTICLES" ]] && BASE="$ARTICLES"
PER_DAY="${PER_DAY:-$(( ARTICLES / 7 ))}"
mkdir -p "$OUT"

echo "bench-stories: compiling the project modules dedupe-core needs, resolving its test classpath ..." >&2
"$ROOT/deploy/local/build.sh" classpath dedupe-service/core test "$OUT/test.classpath"
CP="$(cat "$OUT/test.classpath")"

# shellcheck source=newsroom-corpus.sh
source "$ROOT/deploy/local/newsroom-corpus.sh"
newsroom_corpus "$BASE" "$PER_DAY" "$OUT" "$CP"

PROPS=()
[[ -n "${JFR:-}" ]] && mkdir -p "$JFR" && PROPS+=(-Dbench.jfr="$JFR")
[[ -n "${DIGEST:-}" ]] && PROPS+=(-Dbench.digest="$DIGEST")
# shellcheck disable=SC2086
exec java -Xms2g -Xmx2g -XX:+UseParallelGC ${JAVA_OPTS:-} "${PROPS[@]}" \
  -cp "$MODULE/target/test-classes:$MODULE/target/classes:$CP" io.storyline.dedupe.bench.StoryStateBenchmark "$CORPUS" "$ARTICLES" "$BASE"
