#!/usr/bin/env bash
# drydock verify of one signed image against the local test registry, warm (same JVM, after 20 warm-up rounds),
# with the ratio to a plain manifest GET of the same image measured in the same run. Target: <= 100 ms.
#   flock /tmp/drydock-it.lock bench/verify.sh [ROUNDS]      (needs scripts/test-env.sh up)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
eval "$(scripts/test-env.sh env)"
export DRYDOCK_TEST_REGISTRY=${REGISTRY_OVERRIDE:-$DRYDOCK_TEST_REGISTRY}
./mvnw -q -B -ntp -pl drydock-policy -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cd drydock-policy
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.drydock.policy.sign.bench.VerifyBenchmark "$@"
