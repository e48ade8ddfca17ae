#!/usr/bin/env bash
# JMH: fit + 24-step predict (with 80% intervals, 1000 samples) of Prophet on a 1000-point hourly
# series, one thread. Extra arguments go to JMH (e.g. -wi 1 -i 1 for a quick look).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests >&2
"$JAVA_HOME/bin/java" -Dalo.root.dir="$root" \
  -Djmh.ignoreLock=true -jar benchmarks/target/benchmarks.jar ProphetFitBenchmark -t 1 -jvmArgs "-Dalo.root.dir=$root" "$@"
