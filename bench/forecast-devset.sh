#!/usr/bin/env bash
# Protocol v1 on the dev set (datasets/nab) for ALO's models beside R's reference rows.
# Usage: bench/forecast-devset.sh [MODEL,...]   (default: snaive,ets,mstl,theta,arima,auto)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests >&2
"$JAVA_HOME/bin/java" -cp benchmarks/target/benchmarks.jar dev.alo.bench.DevSetBacktest . "$@"
