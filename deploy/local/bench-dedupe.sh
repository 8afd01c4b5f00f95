#!/usr/bin/env bash
# Near-duplicate detection speed and memory (dedupe-service/core, package io.storyline.dedupe.nearduplicate).
# One JMH run (one fork, same ~600-word articles built from real sentences) times signature + query + insert per
# article for the detector and for info.debatty:java-lsh doing the same work; then 1M distinct originals are
# indexed and the retained bytes per article measured with JOL (cross-checked by heap delta).
# The last stdout line is one JSON object:
#   {"articles_per_s","baseline_articles_per_s","speedup","bytes_per_article",...}
# Compiles dedupe-service/core and its tests (the JMH harness is generated there) with the modules it needs.
# Article text is read at run time from seeds/ (SEEDS_DIR) and WIKIREF_FILE (default
# ../shared/data/wikiref220-dev.jsonl beside the repository); a missing one stops the script with its path.
#   deploy/local/bench-dedupe.sh            env: MEMORY_ARTICLES (default 1000000), JAVA_OPTS
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODULE="$ROOT/dedupe-service/core"
source "$ROOT/deploy/local/data-paths.sh"
require_path "$SEEDS" SEEDS_DIR
require_path "$WIKIREF" WIKIREF_FILE
OUT="$MODULE/target/nearduplicate-bench"
mkdir -p "$OUT"

echo "bench-dedupe: compiling the project modules dedupe-core needs, resolving its test classpath ..." >&2
"$ROOT/deploy/local/build.sh" classpath dedupe-service/core test "$OUT/test.classpath"
CP="$(cat "$OUT/test.classpath")"

PROPS=(-Dseeds.dir="$SEEDS" -Dwikiref.file="$WIKIREF" -Dbench.memoryArticles="${MEMORY_ARTICLES:-1000000}")

# shellcheck disable=SC2086
exec java -Xmx1500m -XX:+UseParallelGC ${JAVA_OPTS:-} "${PROPS[@]}" \
  -cp "$MODULE/target/test-classes:$MODULE/target/classes:$CP" io.storyline.dedupe.bench.DedupeBenchReport
