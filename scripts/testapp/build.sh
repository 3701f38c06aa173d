#!/usr/bin/env bash
# Builds the drydock test HTTP app and imports it into podman's storage as two images that differ only in
# their VERSION env (so they have distinct ids and digests):
#   localhost/drydock-testapp:1   (VERSION=1)
#   localhost/drydock-testapp:2   (VERSION=2)
# Idempotent: when both images exist and carry the label io.drydock.testapp.source=<hash of the sources>,
# nothing is rebuilt. --force rebuilds anyway.
# With --push HOST:PORT the images are also copied to that (plain-HTTP) registry as
# HOST:PORT/drydock-testapp:1 and :2 with skopeo, so pull-by-digest can be tested.
# Needs: gcc with static glibc (libc6-dev), podman; skopeo only for --push.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="localhost/drydock-testapp"
force=0
push=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --force) force=1; shift ;;
    --push) push="${2:?--push needs HOST:PORT}"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument '$1' (use --force, --push HOST:PORT)" >&2; exit 2 ;;
  esac
done

source_hash="$(cat "$here/testapp.c" "$here/build.sh" | sha256sum | cut -c1-16)"

current_label() {
  podman image inspect --format '{{index .Labels "io.drydock.testapp.source"}}' "$1" 2>/dev/null || true
}

if [[ $force -eq 0 && "$(current_label "$repo:1")" == "$source_hash" && "$(current_label "$repo:2")" == "$source_hash" ]]; then
  echo "build.sh: $repo:1 and :2 are up to date (source $source_hash)"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/rootfs/tmp"
  gcc -O2 -static -pthread -Wall -Wextra -o "$work/rootfs/testapp" "$here/testapp.c"
  strip "$work/rootfs/testapp" || true
  chmod 1777 "$work/rootfs/tmp"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2026-01-01 00:00:00' \
      -C "$work/rootfs" -cf "$work/rootfs.tar" .
  for v in 1 2; do
    podman import --quiet \
      --change "CMD [\"/testapp\"]" \
      --change "ENV VERSION=$v" \
      --change "ENV PORT=8080" \
      --change "STOPSIGNAL SIGTERM" \
      --change "LABEL io.drydock.testapp.source=$source_hash" \
      --change "LABEL io.drydock.testapp.version=$v" \
      --message "drydock test app version $v" \
      "$work/rootfs.tar" "$repo:$v" >/dev/null
  done
  echo "build.sh: built $repo:1 and :2 (source $source_hash)"
fi

if [[ -n "$push" ]]; then
  for v in 1 2; do
    skopeo copy --quiet --dest-tls-verify=false "containers-storage:$repo:$v" "docker://$push/drydock-testapp:$v"
  done
  echo "build.sh: pushed $push/drydock-testapp:1 and :2"
fi
