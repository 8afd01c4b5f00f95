#!/usr/bin/env bash
# Builds the services and the local stack when any pom or source changed since the last build, and
# does nothing otherwise. Used by run.sh, chaos.sh and bench.sh; output goes to stderr.
#
#   deploy/local/build.sh classpath MODULE SCOPE FILE
# compiles MODULE (a path such as dedupe-service) and the project modules it needs, and writes its SCOPE
# (runtime or test) classpath to FILE, with project modules as their target/classes: the measuring scripts run
# on a fresh clone without anything installed in ~/.m2.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

if [[ "${1:-}" == classpath ]]; then
  [[ $# -eq 4 ]] || { echo "usage: $0 classpath MODULE runtime|test FILE" >&2; exit 2; }
  phase=compile
  [[ "$3" == test ]] && phase=test-compile
  # with -am every module writes FILE in reactor order; MODULE, which needs all the others, writes it last
  args=(-q -B -f "$ROOT/pom.xml" -pl "$2" -am "$phase" dependency:build-classpath
        -Dmdep.includeScope="$3" -Dmdep.outputFile="$4")
  "$ROOT/mvnw" -o "${args[@]}" >&2 || "$ROOT/mvnw" "${args[@]}" >&2
  exit 0
fi
STAMP="$ROOT/deploy/local/stack/target/.storyline-built"
CLASSPATH_FILE="$ROOT/deploy/local/stack/target/runner.classpath"

needs_build() {
  [ -f "$STAMP" ] && [ -f "$CLASSPATH_FILE" ] || return 0
  [ -n "$(cd "$ROOT" && find . -path ./.git -prune -o -name target -prune -o -name node_modules -prune -o \
      \( -name pom.xml -o -path '*/src/*' \) -type f -newer "$STAMP" -print -quit)" ]
}

if needs_build; then
  echo "storyline: building (the first run downloads dependencies; later runs skip this while nothing changed) ..." >&2
  "$ROOT/mvnw" -f "$ROOT/pom.xml" -q -B -Dmaven.test.skip=true package >&2
  touch "$STAMP"
fi
