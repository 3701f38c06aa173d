#!/usr/bin/env bash
# policy check of N stored SBOM scan results (default 10,000) in-process, with the plain scan gate over the same
# results as the baseline measured in the same run; prints both, and the ratio. Goal: 10,000 in <= 1 s.
#   bench/policy.sh [COUNT [POLICY-FILE]]   (default: examples/policy/drydock-policy.yaml)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
./mvnw -q -B -ntp -pl drydock-cli -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cd drydock-cli
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.drydock.cli.PolicyBenchmark "${1:-10000}" "$ROOT" ${2:+"$(realpath "$2")"}
