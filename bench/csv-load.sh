#!/usr/bin/env bash
# Measures loading a 1,000,000-row, 2-column CSV file (JMH, short settings) and prints the time
# per load. Usage: bash bench/csv-load.sh   (from the repository root; needs a JDK >= 21)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z ${JAVA_HOME:-} ]]; then
  for j in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [[ -x $j/bin/java ]] && "$j/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])' && { export JAVA_HOME=$j; break; }
  done
fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
echo "building the benchmarks jar..." >&2
./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests
"$java" -Djmh.ignoreLock=true -jar benchmarks/target/benchmarks.jar CsvLoadBenchmark -f 1 -wi 4 -w 2s -i 5 -r 2s -tu ms -bm avgt \
  -rf text -rff benchmarks/target/csv-load.txt > benchmarks/target/csv-load.log 2>&1 || {
  tail -n 30 benchmarks/target/csv-load.log >&2; exit 1; }
grep -E '^Benchmark|CsvLoadBenchmark' benchmarks/target/csv-load.txt
score=$(awk '/CsvLoadBenchmark.load/ {print $(NF-3)}' benchmarks/target/csv-load.txt)
echo "time per 1,000,000-row load: ${score} ms (JDK $("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.version = //p'), $(nproc) cores)"
