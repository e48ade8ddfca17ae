#!/usr/bin/env bash
# Prints how closely ALO's Prophet reproduces R prophet's reference output (bench/reference)
# as CSV: reference,column,rows,mean_abs_diff,mean_abs_rel_diff,fit_seconds.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests >&2
"$JAVA_HOME/bin/java" -Dalo.root.dir="$root" \
  -cp benchmarks/target/benchmarks.jar dev.alo.bench.ProphetAgreement
