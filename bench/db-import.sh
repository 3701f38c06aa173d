#!/usr/bin/env bash
# Vulnerability DB import speed: N OSV records (default 600,000; the 624 real fixture records under new ids) in one
# export zip, imported by drydock, against baselines measured in the same run on the same zip: `unzip -p ZIP >
# /dev/null` and the JDK inflating every entry. Prints records/s and the ratios.
#   bench/db-import.sh [RECORDS]
# Needs: unzip, Java 17; about 3 GiB free in $TMPDIR for the zip and the DB.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
./mvnw -q -B -pl drydock-scan -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cd drydock-scan
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.drydock.scan.db.ImportBenchmark "$@"
