#!/usr/bin/env bash
# Precision/recall of the anomaly detectors (forecast interval, isolation forest, rolling 3-sigma)
# against NAB's labelled windows on the dev set (datasets/nab).
# Usage: bench/anomalies-nab.sh [LEVEL]   (default 99)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests >&2
"$JAVA_HOME/bin/java" -cp benchmarks/target/benchmarks.jar dev.alo.bench.NabAnomalyScore . "$@"
