#!/usr/bin/env bash
# Near-duplicate detection quality (dedupe-service/core, package io.storyline.dedupe.nearduplicate).
# Generates labelled wire copies (headline rewritten, paragraphs cut or added, sentences reordered, typos, outlet
# boilerplate, HTML leftovers) and hard negatives (other stories on the same subject, follow-ups) from real
# article text read at run time, runs the detector over the stream, and prints precision, recall and F1 over a
# grid of thresholds and shingle sizes with the (bands, rows) each threshold gives.
# The last stdout line is one JSON object for the default settings:
#   {"precision","recall","f1","threshold","bands","rows",...}
# Text: seeds/ (SEEDS_DIR) and WIKIREF_FILE (default ../shared/data/wikiref220-dev.jsonl beside the repository);
# a missing one stops the script with its path.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODULE="$ROOT/dedupe-service/core"
source "$ROOT/deploy/local/data-paths.sh"
require_path "$SEEDS" SEEDS_DIR
require_path "$WIKIREF" WIKIREF_FILE
OUT="$MODULE/target/nearduplicate-quality"
mkdir -p "$OUT"

echo "dedupe-quality: compiling the project modules dedupe-core needs, resolving its test classpath ..." >&2
"$ROOT/deploy/local/build.sh" classpath dedupe-service/core test "$OUT/test.classpath"
CP="$(cat "$OUT/test.classpath")"

PROPS=(-Dseeds.dir="$SEEDS" -Dwikiref.file="$WIKIREF")

exec java -Xmx512m "${PROPS[@]}" -cp "$MODULE/target/test-classes:$MODULE/target/classes:$CP" \
  io.storyline.dedupe.bench.NearDuplicateQualityReport
