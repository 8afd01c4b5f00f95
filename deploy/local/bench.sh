#!/usr/bin/env bash
# End-to-end benchmark of the whole pipeline on a real broker: starts the local stack on free ports,
# replays a synthetic day of news through ingest and measures throughput, latency (from record
# timestamps, every article), CPU, heap and consumer lag. See --help.
#   deploy/local/bench.sh                               2,000 articles as fast as ingest takes them
#   deploy/local/bench.sh --articles 100000 --rate max  sustained throughput (give it time)
#   deploy/local/bench.sh --articles 20000 --rate 100   latency at a fixed 100 articles/s
#   deploy/local/bench.sh --profile                     also record every service with JFR
# Writes result.json, latency.png and lag.png to deploy/local/stack/target/bench/ (--out DIR);
# the last line on stdout is the summary as one JSON object. It scores the clustering against the
# newsroom's truth: stories_vs_events (each article's event, ClusteredArticle.storyId) and
# storylines_vs_developing_stories (its storyline, ClusteredArticle.storylineId), BCubed and pairwise.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
"$ROOT/deploy/local/build.sh"
exec java -Xmx1g -Djava.awt.headless=true -Dstoryline.repo="$ROOT" \
  -cp "$ROOT/deploy/local/stack/target/classes:$(cat "$ROOT/deploy/local/stack/target/runner.classpath")" \
  io.storyline.local.load.Benchmark "$@"
