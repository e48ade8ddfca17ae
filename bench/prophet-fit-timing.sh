#!/usr/bin/env bash
# Median wall and thread-CPU time of Prophet fit + 24-step predict (intervals on) on 1000 hourly
# points, one thread; CPU time stays meaningful when the machine is shared. Arg: runs (300).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests >&2
"$JAVA_HOME/bin/java" -Dalo.root.dir="$root" \
  -cp benchmarks/target/benchmarks.jar dev.alo.bench.ProphetFitTiming "$@"
