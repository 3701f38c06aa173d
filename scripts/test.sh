#!/usr/bin/env bash
# The whole test suite: unit tests and the integration tests against real Podman, registry and HAProxy.
# Starts (idempotently) what the integration tests need with scripts/test-env.sh, then runs Maven.
# Extra arguments go to Maven, e.g. scripts/test.sh -pl drydock-scan -am
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/test-env.sh up
eval "$(scripts/test-env.sh env)"
exec ./mvnw -B -ntp verify "$@"
