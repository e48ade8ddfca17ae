#!/usr/bin/env bash
# Simulated requests per second of the discrete-event simulator (round robin, 10 servers, one
# thread). Usage: bench/simulator-throughput.sh [REQUESTS per run, default 5000000] [RUNS, default 5]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
cd "$root"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! ./mvnw -B -ntp -q -DskipTests -Dspotless.check.skip=true -pl benchmarks -am package \
    > "$log" 2>&1; then
  tail -n 30 "$log" >&2
  exit 1
fi
"$JAVA_HOME/bin/java" -Xmx1g -XX:+UseParallelGC -cp benchmarks/target/benchmarks.jar \
  dev.alo.bench.SimulatorThroughputBenchmark "$@"
