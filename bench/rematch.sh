#!/usr/bin/env bash
# Re-matching stored SBOMs: N SBOM JSON files (default 1,000) made from the fixture images' packages (read by
# drydock's analyzers from testdata/images) with variations, matched against a DB of the real fixture advisories.
# Prints the time to only parse them, the time to parse and match them, and the ratio (cold and warm JVM).
# Goal: parse + match of 1,000 SBOMs <= 5 s.
#   bench/rematch.sh [COUNT]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
./mvnw -q -B -pl drydock-scan -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cd drydock-scan
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.drydock.scan.db.RematchBenchmark "${1:-1000}" "$ROOT/testdata/images"
