#!/usr/bin/env bash
# Median warm fit + predict time of one 1,000-point hourly series per model, one thread.
# Usage: bench/forecast-speed.sh [MODEL,...]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests >&2
"$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 -cp benchmarks/target/benchmarks.jar dev.alo.bench.ForecastSpeed . "$@"
