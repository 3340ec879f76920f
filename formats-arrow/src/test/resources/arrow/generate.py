"""Writes the Arrow IPC fixtures of ArrowInputTest with pyarrow itself (python generate.py, with any
Python that has pyarrow). Golden inputs (builtin-losses/src/test/resources/golden) become Arrow
files, Feather v2 files (lz4, zstd, uncompressed) and an IPC stream, so each scores to its golden
value; a few small files cover the other types, nulls, a join key and record batches."""
import json
import pathlib

import pyarrow as pa
import pyarrow.feather as feather
import pyarrow.ipc as ipc

here = pathlib.Path(__file__).parent
golden = here / "../../../../../builtin-losses/src/test/resources/golden"


def table(path):
    rows = [json.loads(line) for line in (golden / path).read_text().splitlines() if line.strip()]
    return pa.Table.from_pylist(rows)


def write_file(t, name, max_rows=None):
    with ipc.new_file(here / name, t.schema) as w:
        w.write_table(t, max_chunksize=max_rows)


def write_stream(t, name):
    with ipc.new_stream(here / name, t.schema) as w:
        w.write_table(t, max_chunksize=7)


# golden inputs: a number, vector, matrix, int sequence or string per record
write_file(table("regression/reg-w.jsonl"), "reg-w.arrow", max_rows=5)   # several record batches
feather.write_feather(table("regression/reg-a.jsonl"), here / "reg-a.feather")  # lz4, the default
feather.write_feather(table("classification/mc-logits.jsonl"), here / "mc-logits.feather", compression="zstd")
feather.write_feather(table("sequence/ctc-logprobs.jsonl"), here / "ctc-logprobs.feather", compression="uncompressed")
write_file(table("sequence/wer.jsonl"), "wer.arrow")
write_file(table("metric/triplets-weighted.jsonl"), "triplets-weighted.arrow")
write_stream(table("classification/mc-logits.jsonl"), "mc-logits.arrows")

# other types: float32 pred, int32 and bool targets, fixed-size lists; nulls; a join key
write_file(pa.table({"pred": pa.array([0.5, 1.25, -2.0], pa.float32()),
                     "target": pa.array([1, 0, 1], pa.int32()),
                     "flag": pa.array([True, False, True])}), "types.arrow")
write_file(pa.table({"pred": pa.array([[0.5, 1.0], [1.5, -1.0]], pa.list_(pa.float64(), 2)),
                     "target": pa.array([[0.0, 1.0], [2.0, -1.0]], pa.list_(pa.float32(), 2))}), "fixed-lists.arrow")
write_file(pa.table({"pred": pa.array([1.0, None, 3.0, 4.0]), "target": pa.array([1.0, 2.0, None, 5.0])}), "nulls.arrow")
ids = list(range(100, 124))
reg = table("regression/reg-a.jsonl")
write_file(pa.table({"id": ids, "pred": reg["pred"]}), "keyed-pred.arrow")
write_file(pa.table({"id": ids[::-1], "target": reg["target"].to_pylist()[::-1]}), "keyed-target.arrow")
write_file(pa.table({"pred": pa.array([1, 2], pa.decimal128(5, 2)), "target": [1.0, 2.0]}), "decimal.arrow")
