"""Writes the Parquet fixtures of ParquetInputTest with pyarrow and pandas themselves
(python generate.py, with any Python that has pyarrow and pandas). Golden inputs
(builtin-losses/src/test/resources/golden) become Parquet files in the reference writers'
default and other compressions (snappy, zstd, gzip, lz4), with several row groups, data pages
v1 and v2, dictionary, plain and byte-stream-split encodings, so each scores to its golden value;
a few small files cover the other types, nulls, a join key, slices and what is refused."""
import json
import pathlib

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

here = pathlib.Path(__file__).parent
golden = here / "../../../../../builtin-losses/src/test/resources/golden"


def table(path):
    rows = [json.loads(line) for line in (golden / path).read_text().splitlines() if line.strip()]
    return pa.Table.from_pylist(rows)


# golden inputs: a number, vector, matrix, int sequence or string per record
pq.write_table(table("regression/reg-w.jsonl"), here / "reg-w.parquet", row_group_size=5)  # snappy, 5 row groups
pd.DataFrame(table("regression/reg-a.jsonl").to_pylist()).to_parquet(here / "reg-a.parquet")  # pandas' default: snappy
pq.write_table(table("regression/reg-a.jsonl"), here / "reg-a-v2.parquet", compression="lz4", data_page_version="2.0",
               use_dictionary=False, column_encoding={"pred": "BYTE_STREAM_SPLIT", "target": "PLAIN"})
pq.write_table(table("classification/mc-logits.jsonl"), here / "mc-logits.parquet", compression="zstd", row_group_size=7)
pq.write_table(table("sequence/ctc-logprobs.jsonl"), here / "ctc-logprobs.parquet", compression="gzip")
pq.write_table(table("sequence/wer.jsonl"), here / "wer.parquet")
pq.write_table(table("metric/triplets-weighted.jsonl"), here / "triplets-weighted.parquet", compression="zstd")

# other types: float32 pred, int32, int64, uint32 and bool targets (mse is the same for each)
pq.write_table(pa.table({"pred": pa.array([0.5, 1.25, -2.0], pa.float32()),
                         "target": pa.array([1, 0, 1], pa.int32()),
                         "long": pa.array([1, 0, 1], pa.int64()),
                         "unsigned": pa.array([1, 0, 1], pa.uint32()),
                         "flag": pa.array([True, False, True])}), here / "types.parquet")
# nulls: a null pred (row 2), a null target (row 3); in lists, a null item (row 2) and a null list (row 3)
pq.write_table(pa.table({"pred": pa.array([1.0, None, 3.0, 4.0]), "target": pa.array([1.0, 2.0, None, 5.0])}),
               here / "nulls.parquet", row_group_size=2)
pq.write_table(pa.table({"pred": pa.array([[0.5, 1.0], [None, 1.0], None, [2.0, 2.0]], pa.list_(pa.float64())),
                         "target": pa.array([[0.0, 1.0], [1.0, 1.0], [1.0, 1.0], [2.0, 4.0]], pa.list_(pa.float64()))}),
               here / "list-nulls.parquet")
# a join key, the target file in another order
ids = list(range(100, 124))
reg = table("regression/reg-a.jsonl")
pq.write_table(pa.table({"id": ids, "pred": reg["pred"]}), here / "keyed-pred.parquet")
pq.write_table(pa.table({"id": ids[::-1], "target": reg["target"].to_pylist()[::-1]}), here / "keyed-target.parquet")
# slices: the same table as CSV (pandas) and as Parquet, several row groups, a dictionary-encoded string slice column
sliced = pd.DataFrame({"pred": reg["pred"].to_pylist(), "target": reg["target"].to_pylist(),
                       "slice": [["a", "b", "c"][i % 3] for i in range(len(ids))]})
sliced.to_csv(here / "sliced.csv", index=False, float_format="%.17g")
sliced.to_parquet(here / "sliced.parquet", row_group_size=10)
# refused: a decimal column, a struct; an unread brotli column beside snappy ones (projection: never decoded)
pq.write_table(pa.table({"pred": pa.array([1, 2], pa.decimal128(5, 2)), "target": [1.0, 2.0]}), here / "decimal.parquet")
pq.write_table(pa.table({"pred": pa.array([{"x": 1.0, "y": 2.0}]), "target": [1.0]}), here / "struct.parquet")
pq.write_table(pa.table({"pred": [1.0, 2.0], "target": [1.5, 2.0], "notes": ["x", "y"]}), here / "brotli-notes.parquet",
               compression={"pred": "snappy", "target": "snappy", "notes": "brotli"})
# a null only in the last of 3 row groups (row 5): read in parts, its record number counts the parts before
pq.write_table(pa.table({"pred": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], "target": [1.0, 2.0, 3.0, 4.0, None, 8.0]}),
               here / "late-null.parquet", row_group_size=2)
# the columnar path: 12,000 rows in row groups of 5,000 and data pages of 512 values (so batches end at
# pages and row groups), a dictionary-encoded target, a weight; a NaN, ±inf and nulls in a few rows
rng = __import__("random").Random(14)
n = 12000
pred = [rng.gauss(0, 2) for _ in range(n)]
target = [float(rng.randint(-3, 3)) for _ in range(n)]
weight = [rng.choice([0.0, 0.5, 1.0, 2.0]) for _ in range(n)]
for row, column, value in [(7, pred, None), (512, target, float("nan")), (513, pred, float("inf")),
                           (4999, weight, None), (5000, pred, float("-inf")), (9001, target, None), (11999, pred, None)]:
    column[row] = value
weight[513] = weight[5000] = 0.0  # infinite preds that add to no sum
pq.write_table(pa.table({"pred": pa.array(pred, pa.float64()), "target": pa.array(target, pa.float64()),
                         "weight": pa.array(weight, pa.float64())}),
               here / "columnar.parquet", row_group_size=5000, data_page_size=4096, use_dictionary=["target"])
# the fast path's own decoders (ChunkPages, FlatNumbers, HybridInts) against parquet-column's readers: pages of
# about 500 values in row groups of 6,000 rows, 300 distinct preds (dictionary indices 9 bits wide) and all-distinct
# targets whose dictionary is given up for plain pages after 512 values (dictionary_pagesize_limit), nulls scattered
# in pred (bit-packed definition levels) and in a run of target; pred_bss and target_bss hold the same values
# byte-stream-split, which only parquet-column's readers decode; data pages v2 with zstd, and v1 with snappy
rng = __import__("random").Random(12)
n = 15000
pred = [None if rng.random() < 0.01 else rng.randrange(300) / 7 for _ in range(n)]
target = [None if 10000 <= i < 10040 else rng.gauss(20, 10) for i in range(n)]
pages = pa.table({"pred": pa.array(pred, pa.float64()), "target": pa.array(target, pa.float64()),
                  "pred_bss": pa.array(pred, pa.float64()), "target_bss": pa.array(target, pa.float64())})
for name, version, compression in [("pages-v2.parquet", "2.0", "zstd"), ("pages-v1.parquet", "1.0", "snappy")]:
    pq.write_table(pages, here / name, compression=compression, data_page_version=version, row_group_size=6000,
                   data_page_size=4096, dictionary_pagesize_limit=4096, use_dictionary=["pred", "target"],
                   column_encoding={"pred_bss": "BYTE_STREAM_SPLIT", "target_bss": "BYTE_STREAM_SPLIT"})
valid = [(p, t) for p, t in zip(pred, target) if p is not None and t is not None]
print("pages: %d valid rows of %d, first null in row %d, mse %r, mae %r" % (
    len(valid), n, 1 + min(i for i in range(n) if pred[i] is None or target[i] is None),
    __import__("math").fsum((p - t) ** 2 for p, t in valid) / len(valid), __import__("math").fsum(abs(p - t) for p, t in valid) / len(valid)))
# uncompressed, one row group and one page per column of 9,000 values (72 KB, more than a read looks ahead): the
# window a page is read through grows to it
pq.write_table(pages.slice(0, 9000).select(["pred", "target"]), here / "pages-plain.parquet", compression="none",
               use_dictionary=False, data_page_size=1 << 20)
valid = valid[:sum(1 for p, t in zip(pred[:9000], target[:9000]) if p is not None and t is not None)]
print("pages-plain: %d valid rows, mse %r, mae %r" % (len(valid), __import__("math").fsum((p - t) ** 2 for p, t in valid) / len(valid),
                                                    __import__("math").fsum(abs(p - t) for p, t in valid) / len(valid)))
