"""The anchors of bench/compare.sh: the same work as a losskit command, done by DuckDB or Polars.

    python anchors.py ENGINE CASE FILE      ENGINE: duckdb | polars; prints the result
    python anchors.py torch ce LOGITS.npy LABELS.npy    numpy.load both, torch cross_entropy
    python anchors.py write-parquet FILE.csv FILE.parquet   pyarrow: float64, snappy (its default)
    python anchors.py write-npy FILE.csv LOGITS.npy LABELS.npy   logit_* as float32, target as int64

Each run is a whole process (interpreter start and import included), as a losskit run is.
CASE is one of:
  mse          mean of (pred - target)^2 (FILE .csv or .parquet)
  four         mse, mae, huber (delta 1) and rmse in one query
  ce           cross-entropy of logit_0..logit_9 against the class index `target`
               (log-sum-exp shifted by the row's maximum, as losskit computes it)
  read         reading a JSON Lines file and a trivial aggregate (the lengths of its lists)
"""
import sys

engine, case, path = sys.argv[1:4]

if engine == "torch":
    import numpy as np
    import torch

    logits = torch.from_numpy(np.load(path))
    labels = torch.from_numpy(np.load(sys.argv[4]))
    print(torch.nn.functional.cross_entropy(logits, labels).item())
    raise SystemExit(0)
if engine == "write-parquet":
    import pyarrow.csv
    import pyarrow.parquet

    pyarrow.parquet.write_table(pyarrow.csv.read_csv(case), path)
    raise SystemExit(0)
if engine == "write-npy":
    import numpy as np
    import pyarrow.csv

    t = pyarrow.csv.read_csv(case)
    logits = [c for c in t.column_names if c.startswith("logit_")]
    np.save(path, np.stack([t[c].to_numpy() for c in logits], axis=1).astype(np.float32))
    np.save(sys.argv[4], t["target"].to_numpy().astype(np.int64))
    raise SystemExit(0)


def duckdb_query(case, path, columns):
    if case == "mse" and path.endswith(".parquet"):
        return f"SELECT avg((pred - target) * (pred - target)) FROM read_parquet('{path}')"
    if case == "mse":
        return f"SELECT avg((pred - target) * (pred - target)) FROM read_csv('{path}')"
    if case == "four":
        return ("SELECT avg(d * d), avg(abs(d)), "
                "avg(CASE WHEN abs(d) <= 1 THEN 0.5 * d * d ELSE abs(d) - 0.5 END), sqrt(avg(d * d)) "
                f"FROM (SELECT pred - target AS d FROM read_csv('{path}'))")
    if case == "ce":
        logits = [c for c in columns if c.startswith("logit_")]
        shifted = " + ".join(f"exp({c} - m)" for c in logits)
        return (f"SELECT avg(m + ln({shifted}) - list_extract([{', '.join(logits)}], target + 1)) "
                f"FROM (SELECT *, greatest({', '.join(logits)}) AS m FROM read_csv('{path}'))")
    if case == "read":
        return f"SELECT count(*), sum(len(pred)), count(target) FROM read_json('{path}')"
    raise SystemExit(f"unknown case {case}")


def header(path):
    with open(path) as f:
        return f.readline().strip().split(",")


if engine == "duckdb":
    import duckdb

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    columns = header(path) if case == "ce" else []
    print(con.execute(duckdb_query(case, path, columns)).fetchall())
elif engine == "polars":
    import polars as pl

    if case == "read":
        frame = pl.scan_ndjson(path)
        print(frame.select(pl.len(), pl.col("pred").list.len().sum()).collect())
        raise SystemExit(0)
    frame = pl.scan_csv(path)
    if case in ("mse", "four"):
        d = pl.col("pred") - pl.col("target")
        exprs = [(d * d).mean().alias("mse")]
        if case == "four":
            exprs += [d.abs().mean().alias("mae"),
                      pl.when(d.abs() <= 1).then(0.5 * d * d).otherwise(d.abs() - 0.5).mean().alias("huber"),
                      (d * d).mean().sqrt().alias("rmse")]
    elif case == "ce":
        logits = [c for c in header(path) if c.startswith("logit_")]
        m = pl.max_horizontal(logits)
        lse = m + pl.sum_horizontal([(pl.col(c) - m).exp() for c in logits]).log()
        exprs = [(lse - pl.concat_list(logits).list.get(pl.col("target"))).mean()]
    else:
        raise SystemExit(f"unknown case {case}")
    print(frame.select(exprs).collect())
else:
    raise SystemExit(f"unknown engine {engine}")
