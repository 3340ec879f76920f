#!/usr/bin/env bash
# Whole-process benchmark of losskit compare: two 1M-row prediction sets (pred,target CSV, the same
# targets), 1,000 paired bootstrap resamples and 10,000 approximate randomization trials (the
# defaults); wall time and peak RSS (/usr/bin/time), median of RUNS runs (default 3), with the
# machine's load (uptime) before each run. Generates its inputs into bench/data/.
#   bench/compare-models.sh          RUNS=5 bench/compare-models.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
data="$here/data"
runs="${RUNS:-3}"
mkdir -p "$data"
[ -f "$data/pair-1M-candidate.csv" ] || java "$here/Generate.java" pair 1000000 "$data/pair-1M-baseline.csv" "$data/pair-1M-candidate.csv"
"$root/losskit" list >/dev/null   # build first, outside the timings

measure() {   # name losskit-compare-args…
  local name="$1"; shift
  local walls=() rss=0
  for _ in $(seq "$runs"); do
    echo "  load before the run: $(uptime | sed 's/.*load average: //')"
    /usr/bin/time -f "%e %M" -o "$data/time.txt" "$root/losskit" compare "$@" \
      "$data/pair-1M-baseline.csv" "$data/pair-1M-candidate.csv" >/dev/null
    read -r wall kb < "$data/time.txt"
    walls+=("$wall"); [ "$kb" -gt "$rss" ] && rss=$kb
  done
  local median; median=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  printf '%-48s wall %6.2f s  peak RSS %4.0f MB   (runs: %s)\n' "$name" "$median" "$((rss / 1024))" "${walls[*]}"
}

echo "losskit compare, two 1M-row files, whole process, median of $runs runs ($(nproc) cores, $(java -version 2>&1 | head -1))"
measure "1M pairs, mse, 1,000 bootstrap + 10,000 trials" -l mse
measure "1M pairs, mse,mae, same"                         -l mse,mae
measure "1M pairs, mse, --trials 0 (bootstrap only)"      -l mse --trials 0
