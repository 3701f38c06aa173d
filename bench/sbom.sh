#!/usr/bin/env bash
# SBOM speed against the read floor, both measured in this run:
#   floor = gzip -dc of the image's layer blobs to /dev/null (best of N)
#   drydock = SBOM of the same image from its OCI archive, no layer cache, in one JVM (best and median of N),
#             and once as a fresh `drydock sbom` process (JVM start-up included)
#   scan    = the same plus matching against a vulnerability DB built from the advisories in the test resources
# Goals: SBOM / floor <= 1.5 (issue 2); scan / floor <= 1.5 (issue 3).
#
# usage: bench/sbom.sh [OCI-ARCHIVE]   default: the Debian 12 minbase image, built with
#        testdata/images/make-debian.sh into bench/out/ when missing (needs root, debootstrap, podman, skopeo)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROUNDS=${ROUNDS:-7}
OUT=bench/out
mkdir -p "$OUT"
ARCHIVE=${1:-$OUT/debian-bookworm-minbase.oci.tar}
if [ ! -f "$ARCHIVE" ]; then
  command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  echo "building $ARCHIVE with make-debian.sh (about 3 minutes)..." >&2
  sh testdata/images/make-debian.sh "$OUT" >&2
fi
[ -x drydock-cli/target/lib ] || ./mvnw -q -B package -DskipTests
# the in-JVM rounds run drydock-scan's SbomBenchmark (test classes), not a command of the shipped CLI
./mvnw -q -B -pl drydock-scan -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
bench_sbom() {
  java -cp "drydock-scan/target/test-classes:drydock-scan/target/classes:$(cat drydock-scan/target/bench.classpath)" \
    io.drydock.scan.SbomBenchmark --work-dir "$OUT/bench-work" "$@"
}

blobs=$(mktemp -d)
trap 'rm -rf "$blobs"' EXIT
tar -xf "$ARCHIVE" -C "$blobs"
layers=()
for b in "$blobs"/blobs/sha256/*; do
  if gzip -t "$b" 2>/dev/null; then layers+=("$b"); fi
done
compressed=$(cat "${layers[@]}" | wc -c)
uncompressed=$(gzip -dc "${layers[@]}" | wc -c)

best_floor=
for _ in $(seq 1 "$ROUNDS"); do
  t0=$(date +%s%N); gzip -dc "${layers[@]}" >/dev/null; t1=$(date +%s%N)
  t=$(( (t1 - t0) / 1000000 ))
  if [ -z "$best_floor" ] || [ "$t" -lt "$best_floor" ]; then best_floor=$t; fi
done

t0=$(date +%s%N)
./drydock sbom -q --no-cache --format json "oci-archive:$ARCHIVE" >/dev/null
t1=$(date +%s%N)
cold_process=$(( (t1 - t0) / 1000000 ))

result=$(bench_sbom --rounds "$ROUNDS" "oci-archive:$ARCHIVE" | tail -n 1)
best=$(sed -E 's/.*best ([0-9.]+) s.*/\1/' <<<"$result")
median=$(sed -E 's/.*median ([0-9.]+) s.*/\1/' <<<"$result")
packages=$(sed -E 's/.*packages ([0-9]+).*/\1/' <<<"$result")

db="$OUT/bench-vulndb"
rm -rf "$db"
./drydock db import -q --cache-dir "$db" drydock-scan/src/test/resources/advisories/lang-advisories.zip \
  drydock-scan/src/test/resources/advisories/alpine/v3.20/main >/dev/null
scan=$(bench_sbom --rounds "$ROUNDS" --db "$db/vulndb.sqlite" "oci-archive:$ARCHIVE" | tail -n 1)
scan_best=$(sed -E 's/.*best ([0-9.]+) s.*/\1/' <<<"$scan")

awk -v f="$best_floor" -v b="$best" -v m="$median" -v c="$cold_process" -v cb="$compressed" -v ub="$uncompressed" \
    -v n="$packages" -v a="$ARCHIVE" -v sb="$scan_best" 'BEGIN {
  printf "image:                 %s (%d packages; %.1f MB gzip -> %.1f MB tar)\n", a, n, cb/1e6, ub/1e6
  printf "floor gzip -dc (best): %.3f s\n", f/1000
  printf "drydock sbom in-JVM:   best %.3f s, median %.3f s\n", b, m
  printf "drydock sbom process:  %.3f s (JVM start-up included)\n", c/1000
  printf "ratio best/floor:      %.2fx   median/floor: %.2fx   process/floor: %.2fx   (goal <= 1.5x)\n", b*1000/f, m*1000/f, c/f
  printf "scan in-JVM (best):    %.3f s   scan/floor: %.2fx   (goal <= 1.5x)\n", sb, sb*1000/f
}'
