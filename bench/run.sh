#!/usr/bin/env bash
# Whole-process benchmarks of losskit score: wall time, rows/s, MB/s and peak RSS
# (/usr/bin/time -v), median of RUNS runs (default 3). Generates its inputs into bench/data/.
#   bench/run.sh            the cases of the README's performance table
#   RUNS=5 bench/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
data="$here/data"
runs="${RUNS:-3}"
mkdir -p "$data"

[ -f "$data/reg-10M.csv" ] || java "$here/Generate.java" regression 10000000 "$data/reg-10M.csv"
[ -f "$data/reg-100.csv" ] || java "$here/Generate.java" regression 100 "$data/reg-100.csv"
[ -f "$data/cls-1M.csv" ] || java "$here/Generate.java" classification 1000000 10 "$data/cls-1M.csv"
"$root/losskit" list >/dev/null   # build first, outside the timings

measure() {   # name rows file losskit-args…
  local name="$1" rows="$2" file="$3"; shift 3
  local bytes; bytes=$(stat -c %s "$file")
  local walls=() rss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$data/time.txt" "$root/losskit" score "$@" "$file" >/dev/null
    read -r wall kb < "$data/time.txt"
    walls+=("$wall"); [ "$kb" -gt "$rss" ] && rss=$kb
  done
  local median; median=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  awk -v n="$name" -v w="$median" -v r="$rows" -v b="$bytes" -v m="$rss" -v all="${walls[*]}" 'BEGIN {
    printf "%-34s wall %6.2f s  %12.0f rows/s  %7.1f MB/s  peak RSS %4.0f MB   (runs: %s)\n",
           n, w, r / w, b / 1e6 / w, m / 1024, all }'
}

echo "losskit score, whole process, median of $runs runs ($(nproc) cores, $(java -version 2>&1 | head -1))"
measure "10M rows, mse"                    10000000 "$data/reg-10M.csv" -l mse
measure "10M rows, mse,mae,huber,rmse"     10000000 "$data/reg-10M.csv" -l mse,mae,huber,rmse
measure "100 rows, mse (start-up)"         100      "$data/reg-100.csv" -l mse
measure "1M rows x 10 logits, cross-entropy" 1000000 "$data/cls-1M.csv" -l cross-entropy --col 'pred=logit_*'
