# Sourced by bench-stories.sh and bench-window.sh: the synthetic newsroom's articles (deploy/local/stack, Newsroom),
# analysed once by nlp's real ArticleAnalyzer and cached, gzipped JSON lines, in DIR. ROOT is the repository root.
#
#   newsroom_corpus BASE PER_DAY DIR CLASSPATH   sets CORPUS to the cached file, analysing BASE articles at PER_DAY
#                                                articles a day first if it is not there; CLASSPATH has dedupe-core
#   env: ANALYSIS_THREADS  analyser threads (default 2)
newsroom_corpus() {
  local base="$1" per_day="$2" dir="$3" cp="$4"
  local core="$ROOT/dedupe-service/core" stack="$ROOT/deploy/local/stack" eval="$ROOT/deploy/local/evaluation"
  CORPUS="$dir/newsroom-enriched-$base-$per_day.jsonl.gz"
  [[ -s "$CORPUS" ]] && return 0
  echo "$(basename "$0"): analysing $base newsroom articles with nlp's ArticleAnalyzer (cached: $CORPUS) ..." >&2
  "$ROOT/deploy/local/build.sh" classpath deploy/local/evaluation runtime "$eval/target/classpath.txt"
  mkdir -p "$dir/newsroom"
  javac --release 17 -nowarn -proc:none -d "$dir/newsroom" -cp "$cp" \
    "$stack"/src/main/java/io/storyline/local/load/{Newsroom,NewsroomSettings,ArticleDraft,Vocabulary,Wording,NewsEvent,EventKind,Outlet}.java >&2
  # nlp-core and its models from the evaluation module's classpath; dedupe-core's own classes stay first
  java -Xmx3g -cp "$core/target/test-classes:$core/target/classes:$dir/newsroom:$stack/src/main/resources:$(cat "$eval/target/classpath.txt")" \
    io.storyline.dedupe.bench.NewsroomEnrichedCorpus "$CORPUS" "$base" "$per_day" 42 "${ANALYSIS_THREADS:-2}" >&2
}
