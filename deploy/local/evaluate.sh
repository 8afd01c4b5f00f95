#!/usr/bin/env bash
# Scores story clustering against a labelled corpus, through the services' own code run in process
# (nlp-service's ArticleAnalyzer, then dedupe-service's ArticleClustering).
#
#   deploy/local/evaluate.sh FILE.jsonl [--threshold T] [--storyline-threshold T] [--sweep T1,T2,...] [--storyline-sweep T1,T2,...] [--order time|file|id] [--stories]
#   deploy/local/evaluate.sh DIR        (a directory of .txt articles, e.g. seeds/: lists the stories found)
#
# FILE.jsonl: one object a line with id, title, text, published (ISO-8601 or null), lang, cluster.
# Prints BCubed and pairwise precision/recall/F1 and a threshold table; the last stdout line is one JSON object.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 FILE.jsonl|DIR [--threshold T] [--storyline-threshold T] [--sweep T1,T2,...] [--storyline-sweep T1,T2,...] [--order time|file|id] [--stories]" >&2
  exit 2
fi
input="$1"; shift
if [[ ! -e "$input" ]]; then
  echo "evaluate: no such file or directory: $input" >&2
  exit 2
fi
input="$(cd "$(dirname "$input")" && pwd)/$(basename "$input")"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
module="$root/deploy/local/evaluation"
cd "$root"
# build output goes to stderr: stdout carries only the report
deploy/local/build.sh classpath deploy/local/evaluation runtime "$module/target/classpath.txt"
exec java ${EVALUATE_JAVA_OPTS:--Xmx3g} -cp "$module/target/classes:$(cat "$module/target/classpath.txt")" \
  io.storyline.evaluation.EvaluateClustering "$input" "$@"
