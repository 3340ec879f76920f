#!/usr/bin/env bash
# losskit beside DuckDB and Polars (their Python packages) on the same files: whole process, wall
# and CPU time (user + system), each pair run back to back in alternating order, the median of
# RUNS pairs (default 5); prints the table of issue 14 with the ratios losskit / anchor.
#   bench/compare.sh              all cases
#   bench/compare.sh csv|json|startup|formats
# formats (issue 12): the 10M-row CSV as Parquet (pyarrow, float64, snappy) beside the CSV, DuckDB's
# JDBC driver (fetched into bench/data/ with mvn, never a product dependency) and DuckDB in Python;
# the 1M × 10 logits as float32 .npy plus int64 labels .npy beside numpy.load + torch cross_entropy
# (float32, as a PyTorch user computes it); and, with BEFORE=path/to/bin/losskit of another build,
# the 100-row start-up of that build beside this one's. It needs pyarrow, numpy and torch in the
# virtual environment (BENCH_VENV=/work/venv on the project's machines).
#   RUNS=9 bench/compare.sh csv
# The anchors come from a virtual environment outside the repository: BENCH_VENV if set (one with
# duckdb and polars), else ~/.cache/losskit/bench-venv, made here on first use with pip (never a
# product dependency; never DuckDB's JDBC driver, whose start-up copies a native library each run).
# The machine should be idle: the load average is printed before and after.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
data="$here/data"
runs="${RUNS:-5}"
which="${1:-all}"
want() { [ "$which" = all ] || [ "$which" = "$1" ]; }
mkdir -p "$data"

venv="${BENCH_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/losskit/bench-venv}"
if ! "$venv/bin/python" -c 'import duckdb, polars' 2>/dev/null; then
  echo "making $venv (duckdb, polars)…" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q duckdb polars >&2
fi
py="$venv/bin/python"

gen() { [ -f "$data/$1" ] || java "$here/Generate.java" "${@:2}" "$data/$1"; }
want csv && gen reg-10M.csv regression 10000000 && gen cls-1M.csv classification 1000000 10
want json && gen ctc-256.jsonl ctc 256 200 32 40 && gen labelled-20k.jsonl labelled 20000 128 100
want startup && gen reg-100.csv regression 100
if want formats; then
  gen reg-10M.csv regression 10000000 && gen cls-1M.csv classification 1000000 10 && gen reg-100.csv regression 100
  "$venv/bin/python" -c 'import pyarrow, numpy, torch' || { echo "bench: formats needs pyarrow, numpy and torch in $venv (BENCH_VENV)" >&2; exit 1; }
  [ -f "$data/reg-10M.parquet" ] || "$venv/bin/python" "$here/anchors.py" write-parquet "$data/reg-10M.csv" "$data/reg-10M.parquet"
  [ -f "$data/logits-1M.npy" ] || "$venv/bin/python" "$here/anchors.py" write-npy "$data/cls-1M.csv" "$data/logits-1M.npy" "$data/labels-1M.npy"
  duckjdbc="$data/duckdb_jdbc-${DUCKDB_JDBC:-1.5.6.0}.jar"
  [ -f "$duckjdbc" ] || mvn -B -q dependency:copy -Dartifact="org.duckdb:duckdb_jdbc:${DUCKDB_JDBC:-1.5.6.0}" -DoutputDirectory="$data" >&2
  [ -f "$data/DuckParquet.class" ] || javac -d "$data" "$here/DuckParquet.java"
fi
"$root/losskit" --version >/dev/null   # build (and make the class-data archive) outside the timings
launcher="$root/cli/target/bin/losskit"

# one timed run: "wall cpu rss_kb" of the command, its output discarded
timed() {
  /usr/bin/time -f "%e %U %S %M" -o "$data/time.txt" "$@" >/dev/null 2>"$data/stderr.txt" \
    || { cat "$data/stderr.txt" >&2; echo "bench: failed: $*" >&2; exit 1; }
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$data/time.txt"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

rows=()
# pair "work" "anchor name" "goal" -- losskit command… -- anchor command…
pair() {
  local work="$1" anchor="$2" goal="$3"; shift 4
  local mine=() theirs=()
  while [ "$1" != -- ]; do mine+=("$1"); shift; done
  shift
  theirs=("$@")
  "${mine[@]}" >/dev/null 2>&1 || true; "${theirs[@]}" >/dev/null 2>&1 || true   # warm the page cache (a failure is reported below)
  local a=() b=()
  for i in $(seq "$runs"); do
    if [ $((i % 2)) -eq 1 ]; then a+=("$(timed "${mine[@]}")"); b+=("$(timed "${theirs[@]}")")
    else b+=("$(timed "${theirs[@]}")"); a+=("$(timed "${mine[@]}")"); fi
  done
  local aw ac ar bw bc
  aw=$(printf '%s\n' "${a[@]}" | cut -d' ' -f1 | median)
  ac=$(printf '%s\n' "${a[@]}" | cut -d' ' -f2 | median)
  ar=$(printf '%s\n' "${a[@]}" | cut -d' ' -f3 | sort -n | tail -1)
  bw=$(printf '%s\n' "${b[@]}" | cut -d' ' -f1 | median)
  bc=$(printf '%s\n' "${b[@]}" | cut -d' ' -f2 | median)
  rows+=("$(awk -v w="$work" -v n="$anchor" -v g="$goal" -v aw="$aw" -v ac="$ac" -v ar="$ar" -v bw="$bw" -v bc="$bc" 'BEGIN {
    printf "| %s | %.2f s wall, %.2f s CPU, %.0f MiB | %s %.2f s wall, %.2f s CPU | **%.2f×** wall, %.2f× CPU | %s |",
      w, aw, ac, ar / 1024, n, bw, bc, aw / bw, ac / bc, g }')")
  echo "${rows[-1]}" >&2
}

lk="$root/losskit"
duck="DuckDB $("$py" -c 'import duckdb; print(duckdb.__version__)')"
polars="Polars $("$py" -c 'import polars; print(polars.__version__)')"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

if want csv; then
  reg="$data/reg-10M.csv" cls="$data/cls-1M.csv"
  pair "10M-row pred,target CSV, \`-l mse\`" "$duck" "≤ 0.8× wall, ≤ 1.0× CPU" -- \
    "$lk" score -l mse "$reg" -- "$py" "$here/anchors.py" duckdb mse "$reg"
  pair "the same" "$polars" "" -- "$lk" score -l mse "$reg" -- "$py" "$here/anchors.py" polars mse "$reg"
  pair "the same, \`-l mse,mae,huber,rmse\`" "$duck (the four in one query)" "≤ 0.8× wall, ≤ 1.0× CPU" -- \
    "$lk" score -l mse,mae,huber,rmse "$reg" -- "$py" "$here/anchors.py" duckdb four "$reg"
  pair "the same" "$polars" "" -- "$lk" score -l mse,mae,huber,rmse "$reg" -- "$py" "$here/anchors.py" polars four "$reg"
  pair "1M × 10 logits CSV, \`-l cross-entropy\`" "$duck (max-shifted log-sum-exp)" "≤ 0.8× wall, ≤ 1.0× CPU" -- \
    "$lk" score -l cross-entropy --col 'pred=logit_*' "$cls" -- "$py" "$here/anchors.py" duckdb ce "$cls"
  pair "the same" "$polars" "" -- "$lk" score -l cross-entropy --col 'pred=logit_*' "$cls" -- "$py" "$here/anchors.py" polars ce "$cls"
fi
if want json; then
  ctc="$data/ctc-256.jsonl" emb="$data/labelled-20k.jsonl"
  pair "CTC JSONL 256 × 200 × 32, \`-l ctc\`" "$duck read_json + count, len" "≤ 2×" -- \
    "$lk" score -l ctc "$ctc" -- "$py" "$here/anchors.py" duckdb read "$ctc"
  pair "20k × 128 labelled embeddings JSONL, \`-l cross-entropy\`" "$duck read_json + count, len" "≤ 2×" -- \
    "$lk" score -l cross-entropy "$emb" -- "$py" "$here/anchors.py" duckdb read "$emb"
fi
if want startup; then
  small="$data/reg-100.csv"
  pair "100-row CSV, \`-l mse\`, \`./losskit\`" "\`java -version\`" "≤ 1.6× wall" -- \
    "$lk" score -l mse "$small" -- java -version
  pair "the same, \`bin/losskit\`" "\`java -version\`" "≤ 1.6× wall" -- \
    sh "$launcher" score -l mse "$small" -- java -version
  pair "the same, \`bin/losskit\`" "$duck" "" -- sh "$launcher" score -l mse "$small" -- "$py" "$here/anchors.py" duckdb mse "$small"
fi
if want formats; then
  pq="$data/reg-10M.parquet"
  pair "10M-row pred,target Parquet (float64, snappy), \`-l mse\`" "losskit on the same rows as CSV" "faster" -- \
    "$lk" score -l mse "$pq" -- "$lk" score -l mse "$data/reg-10M.csv"
  pair "the same" "DuckDB JDBC $(basename "$duckjdbc" .jar | sed 's/duckdb_jdbc-//')" "≤ 1.5× wall" -- \
    "$lk" score -l mse "$pq" -- java -cp "$duckjdbc:$data" DuckParquet "$pq"
  pair "the same" "$duck (Python)" "" -- "$lk" score -l mse "$pq" -- "$py" "$here/anchors.py" duckdb mse "$pq"
  pair "1M × 10 float32 logits \`.npy\` + int64 labels \`.npy\`, \`-l cross-entropy\`" \
    "numpy.load + torch $("$py" -c 'import torch; print(torch.__version__)') cross_entropy" "faster" -- \
    "$lk" score -l cross-entropy -p "$data/logits-1M.npy" -t "$data/labels-1M.npy" -- \
    "$py" "$here/anchors.py" torch ce "$data/logits-1M.npy" "$data/labels-1M.npy"
  pair "100-row CSV, \`-l mse\`, \`bin/losskit\`" "\`bin/losskit\` of a build without formats-parquet" "unchanged" -- \
    sh "$launcher" score -l mse "$data/reg-100.csv" -- sh "${BEFORE:-$launcher}" score -l mse "$data/reg-100.csv"
fi

echo
echo "whole process, median of $runs alternated pairs; $(nproc) cores; load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after;"
echo "$(java -version 2>&1 | head -1); $duck, $polars (Python $("$py" -c 'import platform; print(platform.python_version())'))"
echo
echo "| work | losskit | anchor | losskit / anchor | goal |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
