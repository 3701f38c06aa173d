#!/usr/bin/env bash
# Start-up of drydock as a fresh process (issue 14), against baselines measured in the same run:
#   --version  : `drydock --version` (goal <= 0.3 s) against `java -version` (the JVM's own floor), with the
#                build-time CDS archive, without it (-Xshare:off), and with C1 only (-XX:TieredStopAtLevel=1)
#   scan       : `drydock scan` of the small fixture images, a fresh process each, no layer cache, against the read
#                floor `gzip -dc` of the same image's layers (goal: scan / floor <= 2)
# Best and median of ROUNDS (default 7). Builds drydock-cli when it is not built.
#   bench/startup.sh            env: ROUNDS
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
ROUNDS=${ROUNDS:-7}
[ -d drydock-cli/target/lib ] || ./mvnw -q -B package -DskipTests -pl drydock-cli -am
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# best and median wall time in ms of ROUNDS runs of "$@" (output discarded)
measure() {
  local ts=() t0 t1
  for _ in $(seq 1 "$ROUNDS"); do
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    ts+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${ts[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%d %d\n", a[1], a[int((NR + 1) / 2)] }'
}

row() { # label best median baseline-best
  awk -v l="$1" -v b="$2" -v m="$3" -v f="$4" 'BEGIN {
    printf "%-44s best %5d ms  median %5d ms  ratio %5.2f\n", l, b, m, (f > 0 ? b / f : 0) }'
}

read -r jb jm < <(measure java -Xshare:auto -version)
row "java -version (baseline)" "$jb" "$jm" "$jb"
read -r b m < <(measure ./drydock --version)
row "drydock --version (CDS archive)" "$b" "$m" "$jb"
version_best=$b
read -r b m < <(DRYDOCK_JAVA_OPTS=-Xshare:off measure ./drydock --version)
row "drydock --version (no CDS)" "$b" "$m" "$jb"
read -r b m < <(DRYDOCK_JAVA_OPTS=-XX:TieredStopAtLevel=1 measure ./drydock --version)
row "drydock --version (CDS, C1 only)" "$b" "$m" "$jb"

db="$work/db"
./drydock db import -q --cache-dir "$db" drydock-scan/src/test/resources/advisories/lang-advisories.zip \
  drydock-scan/src/test/resources/advisories/alpine/v3.20/main >/dev/null
for image in alpine-3.20.3 lang-packages; do
  archive="testdata/images/$image.oci.tar"
  mkdir -p "$work/$image"
  tar -xf "$archive" -C "$work/$image"
  layers=()
  for blob in "$work/$image"/blobs/sha256/*; do
    if gzip -t "$blob" 2>/dev/null; then layers+=("$blob"); fi
  done
  read -r fb fm < <(measure gzip -dc "${layers[@]}")
  row "gzip -dc layers of $image (floor)" "$fb" "$fm" "$fb"
  read -r b m < <(measure ./drydock scan -q --no-cache --db "$db/vulndb.sqlite" "oci-archive:$archive")
  row "drydock scan $image (fresh process)" "$b" "$m" "$fb"
  read -r b m < <(DRYDOCK_JAVA_OPTS=-XX:TieredStopAtLevel=1 measure ./drydock scan -q --no-cache \
    --db "$db/vulndb.sqlite" "oci-archive:$archive")
  row "drydock scan $image (C1 only)" "$b" "$m" "$fb"
done
awk -v v="$version_best" 'BEGIN { printf "goal: --version <= 300 ms: %s (%d ms)\n", (v <= 300 ? "met" : "not met"), v }'
