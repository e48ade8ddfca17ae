#!/usr/bin/env bash
# Wall time of replaying every scaling policy over a 6-month trace at 1-minute intervals, and each
# policy's cost on the given traces (default: the NAB request-count and tweet-volume traces).
# Usage: bench/replay-speed.sh [TRACE.csv ...]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
cd "$root"
if [ $# -eq 0 ]; then
  set -- datasets/nab/elb_request_count_8c0756.csv \
    datasets/nab/Twitter_volume_AAPL.csv datasets/nab/Twitter_volume_GOOG.csv
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! ./mvnw -B -ntp -q -DskipTests -Dspotless.check.skip=true -pl benchmarks -am package \
    > "$log" 2>&1; then
  tail -n 30 "$log" >&2
  exit 1
fi
"$JAVA_HOME/bin/java" -Xmx1g -cp benchmarks/target/benchmarks.jar dev.alo.bench.ReplaySpeed "$@"
