#!/usr/bin/env bash
# Nanoseconds per Balancer.pick for every algorithm at 3, 10, 100 and 1,000 backends, with 1 and 2
# threads sharing one balancer, plus bytes allocated per pick (JMH -prof gc). About 7 minutes.
#
#   bench/balancer-picks.sh                      # everything
#   bench/balancer-picks.sh -p backends=100      # extra JMH arguments narrow the run
#   JMH_SETTINGS="-f 1 -wi 1 -w 1s -i 2 -r 1s" bench/balancer-picks.sh   # shorter still
#
# Prints one table: algorithm, backends, ns/pick at 1 thread, ns/pick at 2 threads, B/pick.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
read -r -a settings <<<"${JMH_SETTINGS:--f 1 -wi 2 -w 1s -i 3 -r 1s}"

./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

for threads in 1 2; do
  echo "balancer-picks: running with $threads thread(s)..." >&2
  "$JAVA" -jar benchmarks/target/benchmarks.jar 'BalancerPickBenchmark' \
    "${settings[@]}" -t "$threads" -prof gc \
    -rf csv -rff "$out/t$threads.csv" "$@" >"$out/t$threads.log" 2>&1 \
    || { cat "$out/t$threads.log" >&2; exit 1; }
done

# CSV columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit",
# "Param: algorithm","Param: backends"
awk -F',' '
  function unq(s) { gsub(/"/, "", s); return s }
  FNR == 1 { file++; next }
  {
    bench = unq($1); key = unq($8) SUBSEP unq($9)
    if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    if (bench ~ /:gc\.alloc\.rate\.norm$/) { if (file == 1) alloc[key] = $5 }
    else if (bench !~ /:/) { ns[file, key] = $5 }
  }
  END {
    printf "%-22s %8s %12s %12s %8s\n", "algorithm", "backends", "ns/pick t=1", "ns/pick t=2", "B/pick"
    for (i = 1; i <= n; i++) {
      split(order[i], k, SUBSEP)
      printf "%-22s %8s %12.1f %12.1f %8.2f\n", k[1], k[2], ns[1, order[i]], ns[2, order[i]], alloc[order[i]]
    }
  }' "$out/t1.csv" "$out/t2.csv"
