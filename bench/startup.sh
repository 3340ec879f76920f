#!/usr/bin/env bash
# Start-up benchmark: the whole-process wall time of a one-loss score of a 100-row file, as users
# run it, with and without the class-data sharing archive, next to the JVM's own floor.
#   bench/startup.sh          RUNS=40 by default; prints median and min in milliseconds
# The bar (the issue): well under half of `python3 -c 'import pandas'`, about 0.34 s on the
# project's machines (pandas is not installed here, so that figure is taken as given).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
data="$here/data"
runs="${RUNS:-40}"
mkdir -p "$data"
[ -f "$data/reg-100.csv" ] || java "$here/Generate.java" regression 100 "$data/reg-100.csv"
"$root/losskit" --version >/dev/null     # build, and make the archive, outside the timings
launcher="$root/cli/target/bin/losskit"
hello="$data/hello"
if [ ! -f "$hello/Hello.class" ]; then
  mkdir -p "$hello"
  printf 'public class Hello { public static void main(String[] a) { System.out.println("hi"); } }\n' > "$hello/Hello.java"
  javac -d "$hello" "$hello/Hello.java"
fi

measure() {   # name command…
  local name="$1"; shift
  local times=()
  for _ in 1 2 3; do "$@" >/dev/null 2>&1; done   # warm the file cache
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v n="$name" '{ t[NR] = $1 } END {
    printf "%-52s median %6.1f ms   min %6.1f ms\n", n, t[int((NR + 1) / 2)] / 1000, t[1] / 1000 }'
}

echo "start-up, whole process, $runs runs each ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), $(java -version 2>&1 | head -1))"
measure "./losskit score -l mse (100 rows)"               "$root/losskit" score -l mse "$data/reg-100.csv"
measure "bin/losskit score -l mse (100 rows), CDS archive" sh "$launcher" score -l mse "$data/reg-100.csv"
LOSSKIT_CDS=off measure "bin/losskit score -l mse (100 rows), no archive" sh "$launcher" score -l mse "$data/reg-100.csv"
measure "bin/losskit --version, CDS archive"               sh "$launcher" --version
measure "java Hello (the JVM's floor)"                     java -XX:+UseSerialGC -XX:-UsePerfData -cp "$hello" Hello
echo "bar: well under half of python3 -c 'import pandas' (about 340 ms here), i.e. well under 170 ms"
