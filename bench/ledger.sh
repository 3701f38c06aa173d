#!/usr/bin/env bash
# The ledger at fleet size: N stored SBOMs (default 10,000, from the real Alpine 3.20.3 fixture's packages) each
# run by a container in the inventory of a SQLite ledger. Prints (1) the rescan after a DB update that adds openssl's
# advisories (goal <= 10 s) with its ratio against matching the same SBOMs in memory, and (2) `affected CVE-ID`
# over all of them (goal <= 200 ms) with its ratio against decoding every SBOM, both measured in this run.
#   bench/ledger.sh [COUNT]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
./mvnw -q -B -pl drydock-cli -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cd drydock-cli
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.drydock.cli.LedgerBenchmark "${1:-10000}" "$ROOT/testdata/images"
