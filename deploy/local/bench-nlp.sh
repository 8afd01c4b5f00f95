#!/usr/bin/env bash
# Load benchmark of nlp-service's ArticleAnalyzer on ~600-word English articles (400-900 words).
# Prints articles per CPU-second on one thread (= per core) for the NER scopes LEAD, HYBRID (default) and
# FULL, recall of LEAD/HYBRID against FULL (model on every sentence), model load time, heap in use, and CPU
# milliseconds per article by stage. Last stdout line: one JSON object; "articlesPerCpuSecond" and
# "clusteringRelevantRecall" (vs FULL) are the figures of the default scope.
#
# Usage: deploy/local/bench-nlp.sh [corpus.jsonl] [seconds-per-scope]
#   corpus: jsonl with title, text, lang per line (default /work/shared/data/wikiref220-dev.jsonl; the
#   repo's seeds/ are always added). Heap is capped like the service: -Xmx768m.
set -euo pipefail
cd "$(dirname "$0")/../.."
CORPUS="${1:-/work/shared/data/wikiref220-dev.jsonl}"
SECONDS_PER_SCOPE="${2:-6}"
CP_FILE="$PWD/nlp-service/target/bench-classpath.txt"

deploy/local/build.sh classpath nlp-service test "$CP_FILE"

exec java -Xmx768m -XX:+UseG1GC \
  -cp "nlp-service/target/test-classes:nlp-service/target/classes:$(cat "$CP_FILE")" \
  io.storyline.nlp.bench.NlpBench "$CORPUS" seeds "$SECONDS_PER_SCOPE" 2> >(grep -v ' INFO ' >&2)
