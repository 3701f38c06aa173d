#!/usr/bin/env bash
# `drydock refs` over a 5,000-file repository tree, against the implementation it replaces, both measured in this run.
#   tree     = generated from the real files in drydock-refs/src/test/resources/{realworld,roundtrip} (compose projects
#              with .env, Kubernetes manifests of many kinds, Helm charts, kustomizations, Dockerfiles), cycled into
#              ~1,700 reference files, plus ~3,300 other files (this repository's Java sources and READMEs) that
#              the walk must pass over, as in a real repository
#   baseline = BASE (default: the merge base with main) built in a temporary clone, so the ratio compares the two
#              implementations on the same tree, JVM, disk cache and machine load
#   drydock  = this working tree's build
# Each round runs both, alternating, as a fresh `drydock refs --format json TREE` process (JVM start-up included);
# best and median of ROUNDS. Goal (issue 17): drydock / baseline <= 2.
#
# usage: bench/refs.sh [BASE]      env: ROUNDS (default 7), FILES (default 5000)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
ROUNDS=${ROUNDS:-7}
FILES=${FILES:-5000}
BASE=${1:-$(git merge-base main HEAD)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -d drydock-cli/target/lib ] || ./mvnw -q -B package -DskipTests -pl drydock-cli -am
echo "building the baseline $BASE in $work/base ..." >&2
git clone -q --no-checkout "$ROOT" "$work/base"
git -C "$work/base" checkout -q "$BASE"
(cd "$work/base" && ./mvnw -q -B -o package -DskipTests -pl drydock-cli -am >/dev/null)

# --- the tree ---
tree="$work/tree"
mkdir -p "$tree"
res=drydock-refs/src/test/resources
mapfile -t real < <(cd "$res" && find realworld roundtrip -type f ! -name README.md ! -name '*expected*' | sort)
mapfile -t other < <(git ls-files '*.java' '*.md' | head -n 3000)
n=0 d=0
while [ "$n" -lt "$FILES" ]; do
  dir="$tree/repo-$((d / 50))/svc-$d"
  mkdir -p "$dir"
  # a copy of every real file, keeping its own sub-directory (charts keep templates/ beside Chart.yaml, compose
  # files keep their .env), then two other files for every reference file
  for f in "${real[@]}"; do
    [ "$n" -ge "$FILES" ] && break
    mkdir -p "$dir/$(dirname "$f")"
    cp "$res/$f" "$dir/$f"
    n=$((n + 1))
    for _ in 1 2; do
      [ "$n" -ge "$FILES" ] && break
      o=${other[$(( (n * 7919) % ${#other[@]} ))]}
      mkdir -p "$dir/src/$(dirname "$o")"
      cp "$o" "$dir/src/$o.$n"
      n=$((n + 1))
    done
  done
  d=$((d + 1))
done
total=$(find "$tree" -type f | wc -l)

run() { # run DRYDOCK -> ms
  local t0 t1
  t0=$(date +%s%N)
  "$1" refs --format json -q "$tree" >/dev/null 2>&1
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
base_times=() new_times=()
run "$work/base/drydock" >/dev/null; run ./drydock >/dev/null   # warm the disk cache
for _ in $(seq 1 "$ROUNDS"); do
  base_times+=("$(run "$work/base/drydock")")
  new_times+=("$(run ./drydock)")
done
refs_new=$(./drydock refs --format json -q "$tree" | grep -c '"written"' || true)
refs_base=$("$work/base/drydock" refs --format json -q "$tree" 2>/dev/null | grep -c '"written"' || true)
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "%d %d", a[1], a[int((NR+1)/2)]}'; }
read -r bb bm <<<"$(stats "${base_times[@]}")"
read -r nb nm <<<"$(stats "${new_times[@]}")"
awk -v total="$total" -v bb="$bb" -v bm="$bm" -v nb="$nb" -v nm="$nm" -v r="$ROUNDS" -v base="$BASE" \
    -v rn="$refs_new" -v rb="$refs_base" 'BEGIN {
  printf "tree:      %d files (references found: baseline %d, drydock %d)\n", total, rb, rn
  printf "baseline:  %s  best %d ms, median %d ms (%d rounds)\n", substr(base, 1, 12), bb, bm, r
  printf "drydock:   this tree     best %d ms, median %d ms\n", nb, nm
  printf "ratio:     best %.2f, median %.2f (goal <= 2)\n", nb / bb, nm / bm
}'
