# Sourced by the measuring scripts (bench-nlp.sh, bench-dedupe.sh, dedupe-quality.sh): where their article text
# lives on any checkout. ROOT is the repository root (the directory holding the top-level pom.xml); the seed
# articles are its seeds/ and the shared data, never copied into the repository, is ../shared beside it.
#   SEEDS_DIR     seed articles (default $ROOT/seeds)
#   WIKIREF_FILE  the labelled WikiRef220 dev half (default ../shared/data/wikiref220-dev.jsonl)
SHARED_DATA="$(cd "$ROOT/.." && pwd)/shared/data"
SEEDS="${SEEDS_DIR:-$ROOT/seeds}"
WIKIREF="${WIKIREF_FILE:-$SHARED_DATA/wikiref220-dev.jsonl}"

# require_path PATH SETTING: stops the script, naming PATH and what moves it, when PATH does not exist.
require_path() {
  [[ -e "$1" ]] || { echo "$(basename "$0"): not found: $1 (set $2)" >&2; exit 2; }
}
