#!/usr/bin/env bash
# Load benchmark of nlp-service's ArticleAnalyzer (nlp-service/core) on ~600-word English articles (400-900 words).
# Prints articles per CPU-second on one thread (= per core) for the NER scopes LEAD, HYBRID (default) and
# FULL, recall of LEAD/HYBRID against FULL (model on every sentence), model load time, heap in use, and CPU
# milliseconds per article by stage. Last stdout line: one JSON object; "articlesPerCpuSecond" and
# "clusteringRelevantRecall" (vs FULL) are the figures of the default scope.
#
# Usage: deploy/local/bench-nlp.sh [corpus.jsonl] [seconds-per-scope]
#   corpus: jsonl with title, text, lang per line (default WIKIREF_FILE, else ../shared/data/wikiref220-dev.jsonl
#   beside the repository; the repo's seeds/, or SEEDS_DIR, are always added). Heap is capped like the service:
#   -Xmx768m. A corpus or seeds directory that is missing stops the script with its path.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/deploy/local/data-paths.sh"
CORPUS="${1:-$WIKIREF}"
SECONDS_PER_SCOPE="${2:-6}"
require_path "$CORPUS" "the corpus argument or WIKIREF_FILE"
require_path "$SEEDS" SEEDS_DIR
# both absolute: the paths were given from the caller's directory, the bench runs from the repository root
CORPUS="$(cd "$(dirname "$CORPUS")" && pwd)/$(basename "$CORPUS")"
SEEDS="$(cd "$SEEDS" && pwd)"
cd "$ROOT"
CP_FILE="$PWD/nlp-service/core/target/bench-classpath.txt"

deploy/local/build.sh classpath nlp-service/core test "$CP_FILE"

exec java -Xmx768m -XX:+UseG1GC \
  -cp "nlp-service/core/target/test-classes:nlp-service/core/target/classes:$(cat "$CP_FILE")" \
  io.storyline.nlp.bench.NlpBench "$CORPUS" "$SEEDS" "$SECONDS_PER_SCOPE" 2> >(grep -v ' INFO ' >&2)
