#!/usr/bin/env bash
# Whole-process benchmarks of losskit score: wall time, rows/s, MB/s and peak RSS
# (/usr/bin/time -v), median of RUNS runs (default 3). Generates its inputs into bench/data/.
#   bench/run.sh [all|regression|classification|sequence|metric]   (default: all)
#   RUNS=5 bench/run.sh regression
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
data="$here/data"
runs="${RUNS:-3}"
mkdir -p "$data"

which="${1:-all}"
want() { [ "$which" = all ] || [ "$which" = "$1" ]; }
gen() { [ -f "$data/$1" ] || java "$here/Generate.java" "${@:2}" "$data/$1"; }
want regression && gen reg-10M.csv regression 10000000 && gen reg-100.csv regression 100 \
  && gen reg-10M-sliced.csv regression 10000000 1000
want classification && gen cls-1M.csv classification 1000000 10
want sequence && gen ctc-256.jsonl ctc 256 200 32 40 && gen asr-200k.csv asr 200000
want metric && gen labelled-20k.jsonl labelled 20000 128 100
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
if want regression; then
  measure "10M rows, mse"                      10000000 "$data/reg-10M.csv" -l mse
  measure "10M rows, mse,mae,huber,rmse"       10000000 "$data/reg-10M.csv" -l mse,mae,huber,rmse
  measure "100 rows, mse (start-up)"           100      "$data/reg-100.csv" -l mse
  measure "10M rows + slice column, mse"       10000000 "$data/reg-10M-sliced.csv" -l mse
  measure "the same, --by slice (1,000 slices)" 10000000 "$data/reg-10M-sliced.csv" -l mse --by slice
fi
if want classification; then
  measure "1M rows x 10 logits, cross-entropy" 1000000  "$data/cls-1M.csv" -l cross-entropy --col 'pred=logit_*'
fi
if want sequence; then
  measure "ctc 256 x T=200 x C=32, L=40"       256      "$data/ctc-256.jsonl" -l ctc
  measure "200k edit distances (~40 chars)"    200000   "$data/asr-200k.csv" -l edit-distance --col pred=hyp --col target=ref
  measure "200k utterances, cer,wer"           200000   "$data/asr-200k.csv" -l cer,wer --col pred=hyp --col target=ref
fi
if want metric; then
  measure "20k x 128 labelled, triplet all"    20000    "$data/labelled-20k.jsonl" -l triplet
  measure "20k x 128 labelled, triplet semi-hard" 20000 "$data/labelled-20k.jsonl" -l triplet -P mining=semi-hard
  measure "20k x 128 labelled, contrastive"    20000    "$data/labelled-20k.jsonl" -l contrastive
  measure "20k x 128 labelled, circle"         20000    "$data/labelled-20k.jsonl" -l circle
fi
