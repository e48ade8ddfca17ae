#!/usr/bin/env bash
# Nanoseconds and bytes allocated per message on the proxy's HTTP/1 hot paths (JMH -prof gc):
# decoding a request (strict decoder in a Netty pipeline), parsing a backend response and copying
# its head, writing the head forwarded to a backend, and the load generator's response reader.
# About 2 minutes.
#
#   bench/proxy-http1.sh                          # everything
#   bench/proxy-http1.sh 'decodeRequest'          # a regular expression narrows the benchmarks
#   JMH_SETTINGS="-f 1 -wi 1 -w 1s -i 2 -r 1s" bench/proxy-http1.sh   # shorter still
#
# Prints one table: benchmark, message, ns/message, B/message.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z ${JAVA_HOME:-} ]]; then
  for j in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [[ -x $j/bin/java ]] && "$j/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])' && { export JAVA_HOME=$j; break; }
  done
fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
javav=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
read -r -a settings <<<"${JMH_SETTINGS:--f 1 -wi 3 -w 1s -i 5 -r 1s}"
# As ./alo runs the proxy: Netty reaches direct memory through Unsafe (JDK 23+ asks for consent).
unsafe=()
if (( javav >= 23 )); then unsafe=(-jvmArgsPrepend --sun-misc-unsafe-memory-access=allow); fi

echo "proxy-http1: building the benchmarks jar..." >&2
log=$(mktemp)
out=$(mktemp -d)
trap 'rm -rf "$log" "$out"' EXIT
if ! ./mvnw -B -ntp -q -DskipTests -Dspotless.check.skip=true -pl benchmarks -am package >"$log" 2>&1; then
  tail -n 30 "$log" >&2
  exit 1
fi
echo "proxy-http1: running (Java $javav, $(nproc) cores)..." >&2
"$java" -Djmh.ignoreLock=true -jar benchmarks/target/benchmarks.jar "ProxyHttp1Benchmark.${1:-}" \
  "${settings[@]}" "${unsafe[@]}" -prof gc -rf csv -rff "$out/result.csv" >"$out/run.log" 2>&1 \
  || { tail -n 40 "$out/run.log" >&2; exit 1; }

# CSV columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit",
# then one "Param: ..." column per parameter (request, response), empty where it does not apply;
# JMH ends its lines with CRLF.
awk -F',' '
  function unq(s) { gsub(/"/, "", s); return s }
  { sub(/\r$/, "") }
  NR == 1 { last = NF; next }
  {
    name = unq($1); sub(/^.*ProxyHttp1Benchmark\./, "", name)
    split(name, parts, ":"); bench = parts[1]
    msg = ""; for (i = 8; i <= last; i++) if (unq($i) != "") msg = unq($i)
    key = bench SUBSEP msg
    if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    if (name ~ /:gc\.alloc\.rate\.norm$/) alloc[key] = $5
    else if (name !~ /:/) { ns[key] = $5; err[key] = $6 }
  }
  END {
    printf "%-14s %-8s %12s %10s %10s\n", "benchmark", "message", "ns/message", "+-", "B/message"
    for (i = 1; i <= n; i++) {
      split(order[i], k, SUBSEP)
      printf "%-14s %-8s %12.1f %10.1f %10.1f\n", k[1], k[2], ns[order[i]], err[order[i]], alloc[order[i]]
    }
  }' "$out/result.csv"
