#!/usr/bin/env bash
# Spark benchmark (issue #13): the 10M-row regression file as Parquet, Spark local[2], losskit's
# mse aggregator against Spark's own avg(pow(pred - target, 2)) in the same session.
#   bench/spark.sh            RUNS=5 by default
# Generates bench/data/reg-10M.csv (Generate.java) and converts it to Parquet with pyarrow from
# /work/venv (or $PYTHON); builds spark/target/losskit-spark.jar; Spark's jars come from Maven.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
data="$here/data"
runs="${RUNS:-5}"
python="${PYTHON:-/work/venv/bin/python}"
mkdir -p "$data"
[ -f "$data/reg-10M.csv" ] || java "$here/Generate.java" regression 10000000 "$data/reg-10M.csv"
if [ ! -f "$data/reg-10M.parquet" ]; then
  "$python" -c 'import sys, pyarrow.csv as c, pyarrow.parquet as p; p.write_table(c.read_csv(sys.argv[1]), sys.argv[2], row_group_size=1 << 20)' \
    "$data/reg-10M.csv" "$data/reg-10M.parquet"
fi
# Spark's own jars (the module's provided scope); each module writes the file, the spark module last
(cd "$root" && mvn -B -q package dependency:build-classpath -pl spark -am -DskipTests -Dmdep.includeScope=provided \
  -Dmdep.outputFile="$data/spark-classpath.txt")
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true"
# shellcheck disable=SC2086
java $opens -Xmx2g -cp "$root/spark/target/losskit-spark.jar:$(cat "$data/spark-classpath.txt")" \
  "$here/SparkBench.java" "$data/reg-10M.parquet" "$runs" 2> "$data/spark-bench.log"
