#!/usr/bin/env bash
# Blue/green swap benchmark through HAProxy (drydock-router-haproxy's SwapBenchmark): switch time, failed
# requests over N swaps at >= 500 req/s, and p50/p99 during swaps against baselines measured in the same run.
#   bench/rollout.sh [--rate 500] [--swaps 10] [--steady-seconds 10] [--connections 16] [--mode MIXED] [--post-fraction 0.25]
# Needs: haproxy (2.6+), gcc + libc6-dev (the test app is compiled from scripts/testapp/testapp.c), Java 17.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
./mvnw -q -B -pl drydock-router-haproxy -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
MODULE=drydock-router-haproxy
cd "$MODULE"
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.drydock.router.haproxy.bench.SwapBenchmark "$@"
