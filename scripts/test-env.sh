#!/usr/bin/env bash
# The integration-test environment of drydock, on 127.0.0.1 only.
#
#   scripts/test-env.sh up     install what is missing, start Podman's Docker-compatible API, a CNCF
#                              distribution registry and a PostgreSQL cluster, load and push the fixture
#                              images (idempotent)
#   scripts/test-env.sh down   stop what `up` started
#   scripts/test-env.sh env    print the variables the tests read (eval "$(scripts/test-env.sh env)")
#   scripts/test-env.sh status say what is running
#
# Runs as root on Debian/Ubuntu (it uses apt-get when a tool is missing). Safe to run again and concurrently.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUN=${DRYDOCK_TEST_RUN:-/run/drydock-test}
DATA=${DRYDOCK_TEST_DATA:-/var/lib/drydock-test}
SOCK="$RUN/podman.sock"
REGISTRY_ADDR=${DRYDOCK_TEST_REGISTRY:-127.0.0.1:5000}
# PostgreSQL for drydock-store's tests: a cluster of its own (Debian's postgresql), loopback only.
PG_VERSION=${DRYDOCK_TEST_PG_VERSION:-15}
PG_CLUSTER=drydock-test
PG_PORT=${DRYDOCK_TEST_PG_PORT:-55432}
PG_USER=drydock
PG_PASSWORD=drydock-test
PG_DB=drydock_test
IMAGES="$ROOT/testdata/images"
# name:tag in podman storage and the registry <- archive:ref
FIXTURES=(
  "alpine:3.20.3 alpine-3.20.3.oci.tar:3.20.3"
  "whiteout:1 whiteout.oci.tar:1"
  "lang-packages:1 lang-packages.oci.tar:1"
  "debian-dpkgdb:bookworm debian-bookworm-dpkgdb.oci.tar:bookworm"
)

log() { printf '[test-env] %s\n' "$*" >&2; }
die() { printf '[test-env] error: %s\n' "$*" >&2; exit 1; }

with_lock() {
  mkdir -p "$RUN"
  exec 9>"$RUN/test-env.lock"
  flock -w 300 9 || die "another test-env.sh holds $RUN/lock for more than 5 minutes"
}

install_missing() {
  local want=() pkg bin
  for pair in podman:podman runc:runc docker-registry:docker-registry skopeo:skopeo umoci:umoci haproxy:haproxy \
              rpm:rpm gcc:gcc dpkg:dpkg curl:curl flock:util-linux wrk:wrk node:nodejs npm:npm go:golang-go; do
    bin=${pair%%:*}; pkg=${pair#*:}
    command -v "$bin" >/dev/null 2>&1 || want+=("$pkg")
  done
  # libc6-dev for static linking of the test app; python3-packaging, golang-go (x/mod/semver in GOROOT), node and
  # rpm are the version oracles; npm fetches node-semver at test time.
  dpkg -s libc6-dev >/dev/null 2>&1 || want+=(libc6-dev)
  python3 -c 'import packaging' >/dev/null 2>&1 || want+=(python3-packaging)
  [ -x "/usr/lib/postgresql/$PG_VERSION/bin/postgres" ] || want+=("postgresql-$PG_VERSION")
  if [ ${#want[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || die "missing ${want[*]}: run as root or install them"
    log "installing ${want[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
  fi
}

configure_podman() {
  # crun and the default ulimits fail on this kind of machine; runc + cgroupfs work (DESIGN.md).
  local conf=/etc/containers/containers.conf marker="# written by drydock scripts/test-env.sh"
  if [ ! -f "$conf" ] || grep -qF "$marker" "$conf"; then
    mkdir -p /etc/containers
    cat > "$conf.tmp" <<CONF
$marker
[containers]
default_ulimits = []

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
    mv "$conf.tmp" "$conf"
  elif ! grep -q 'runtime *= *"runc"' "$conf"; then
    log "warning: $conf exists and was not written by this script; make sure it sets runtime = \"runc\""
  fi
}

trust_local_registry() {
  # Podman pulls from the plain-HTTP test registry only when it is marked insecure; read at service start.
  local f=/etc/containers/registries.conf.d/50-drydock-test.conf
  if [ ! -f "$f" ]; then
    mkdir -p "$(dirname "$f")"
    printf '[[registry]]\nlocation = "%s"\ninsecure = true\n' "$REGISTRY_ADDR" >"$f.tmp"
    mv "$f.tmp" "$f"
    RESTART_PODMAN=1
  fi
}

podman_up() {
  if [ "${RESTART_PODMAN:-0}" = 1 ]; then
    stop_pid podman
  fi
  if curl -fsS --unix-socket "$SOCK" http://d/_ping >/dev/null 2>&1; then
    return
  fi
  rm -f "$SOCK"
  log "starting podman system service on unix://$SOCK"
  # daemons get no inherited descriptors 3-9: under `flock FILE cmd` the lock is one of them, and a daemon that
  # keeps it holds the lock for as long as it runs
  nohup podman system service --time=0 "unix://$SOCK" >"$RUN/podman.log" 2>&1 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- &
  echo $! >"$RUN/podman.pid"
  for _ in $(seq 1 100); do
    curl -fsS --unix-socket "$SOCK" http://d/_ping >/dev/null 2>&1 && return
    sleep 0.1
  done
  die "podman system service did not answer on $SOCK; see $RUN/podman.log"
}

load_images() {
  local entry name archive ref
  for entry in "${FIXTURES[@]}"; do
    name=${entry%% *}; archive=${entry#* }; ref=${archive##*:}; archive=${archive%:*}
    if ! podman image exists "localhost/fixtures/$name" 2>/dev/null; then
      log "loading localhost/fixtures/$name"
      skopeo copy -q "oci-archive:$IMAGES/$archive:$ref" "containers-storage:localhost/fixtures/$name" >/dev/null
    fi
  done
}

registry_up() {
  if curl -fsS "http://$REGISTRY_ADDR/v2/" >/dev/null 2>&1; then
    return
  fi
  mkdir -p "$DATA/registry"
  cat >"$RUN/registry.yml" <<YML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $DATA/registry
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDR
YML
  log "starting docker-registry on $REGISTRY_ADDR"
  nohup docker-registry serve "$RUN/registry.yml" >"$RUN/registry.log" 2>&1 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- &
  echo $! >"$RUN/registry.pid"
  for _ in $(seq 1 100); do
    curl -fsS "http://$REGISTRY_ADDR/v2/" >/dev/null 2>&1 && return
    sleep 0.1
  done
  die "docker-registry did not answer on $REGISTRY_ADDR; see $RUN/registry.log"
}

push_images() {
  local entry name archive ref
  for entry in "${FIXTURES[@]}"; do
    name=${entry%% *}; archive=${entry#* }; ref=${archive##*:}; archive=${archive%:*}
    if ! curl -fsS -o /dev/null -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
        "http://$REGISTRY_ADDR/v2/fixtures/${name%%:*}/manifests/${name#*:}" 2>/dev/null; then
      log "pushing $REGISTRY_ADDR/fixtures/$name"
      skopeo copy -q --dest-tls-verify=false "oci-archive:$IMAGES/$archive:$ref" "docker://$REGISTRY_ADDR/fixtures/$name" >/dev/null
    fi
  done
}

pg_ready() {
  PGPASSWORD=$PG_PASSWORD psql -qtA -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -c 'select 1' >/dev/null 2>&1
}

postgres_up() {
  pg_ready && return
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$PG_VERSION $PG_CLUSTER"; then
    log "creating PostgreSQL $PG_VERSION cluster $PG_CLUSTER on 127.0.0.1:$PG_PORT"
    pg_createcluster -q "$PG_VERSION" "$PG_CLUSTER" -p "$PG_PORT" --start-conf=manual \
      -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
    printf "listen_addresses = '127.0.0.1'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n" \
      >"/etc/postgresql/$PG_VERSION/$PG_CLUSTER/conf.d/50-drydock-test.conf"
  fi
  if ! pg_lsclusters -h | awk -v c="$PG_CLUSTER" '$2==c {print $4}' | grep -q online; then
    log "starting PostgreSQL cluster $PG_CLUSTER"
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-
  fi
  su postgres -c "psql -qtA -p $PG_PORT -c \"select 1 from pg_roles where rolname='$PG_USER'\"" | grep -q 1 ||
    su postgres -c "psql -q -p $PG_PORT -c \"create role $PG_USER login createdb password '$PG_PASSWORD'\""
  su postgres -c "psql -qtA -p $PG_PORT -c \"select 1 from pg_database where datname='$PG_DB'\"" | grep -q 1 ||
    su postgres -c "createdb -p $PG_PORT -O $PG_USER $PG_DB"
  pg_ready || die "PostgreSQL did not answer on 127.0.0.1:$PG_PORT; see /var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log"
}

testapp_up() {
  if [ -x "$ROOT/scripts/testapp/build.sh" ]; then
    "$ROOT/scripts/testapp/build.sh" --push "$REGISTRY_ADDR" >&2
  fi
}

stop_pid() {
  local f="$RUN/$1.pid"
  if [ -f "$f" ]; then
    kill "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  fi
}

print_env() {
  echo "export DOCKER_HOST=unix://$SOCK"
  echo "export DRYDOCK_TEST_REGISTRY=$REGISTRY_ADDR"
  echo "export DRYDOCK_TEST_ENV=$RUN"
  echo "export DRYDOCK_TEST_PG_URL='jdbc:postgresql://127.0.0.1:$PG_PORT/$PG_DB?user=$PG_USER&password=$PG_PASSWORD'"
}

case "${1:-}" in
  up)
    with_lock
    install_missing
    configure_podman
    trust_local_registry
    podman_up
    load_images
    registry_up
    push_images
    postgres_up
    testapp_up
    print_env >"$RUN/env"
    log "ready: eval \"\$($0 env)\""
    ;;
  down)
    with_lock
    stop_pid registry
    stop_pid podman
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop 2>/dev/null || true
    rm -f "$SOCK" "$RUN/env"
    log "stopped"
    ;;
  env)
    print_env
    ;;
  status)
    curl -fsS --unix-socket "$SOCK" http://d/_ping >/dev/null 2>&1 && echo "podman: up ($SOCK)" || echo "podman: down"
    curl -fsS "http://$REGISTRY_ADDR/v2/" >/dev/null 2>&1 && echo "registry: up ($REGISTRY_ADDR)" || echo "registry: down"
    pg_ready && echo "postgresql: up (127.0.0.1:$PG_PORT)" || echo "postgresql: down"
    ;;
  *)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
