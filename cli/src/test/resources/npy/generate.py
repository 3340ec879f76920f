"""Writes the .npy fixtures of NpyInputTest with NumPy itself (run with any Python that has numpy:
python generate.py). The golden input classification/mc-logits.jsonl becomes logits and labels
in several dtypes, byte orders and memory orders; the values are exact in each, so every variant
scores to the golden value."""
import json
import pathlib

import numpy as np

here = pathlib.Path(__file__).parent
golden = here / "../../../../../builtin-losses/src/test/resources/golden/classification/mc-logits.jsonl"
rows = [json.loads(line) for line in golden.read_text().splitlines() if line.strip()]
logits = np.array([r["pred"] for r in rows], dtype="<f8")
labels = np.array([r["target"] for r in rows])

np.save(here / "logits.npy", logits)                                       # <f8, C order
np.save(here / "logits-be-fortran.npy", np.asfortranarray(logits.astype(">f8")))
np.save(here / "labels.npy", labels.astype("<i8"))
np.save(here / "labels-u1.npy", labels.astype("u1"))
np.save(here / "labels-be-i2.npy", labels.astype(">i2"))
# small exact cases: f2 and f4 predictions, bool targets; a 3-D array in Fortran order
np.save(here / "pred-f2.npy", np.array([0.5, 1.25, -2.0], dtype="<f2"))
np.save(here / "pred-f4.npy", np.array([0.5, 1.25, -2.0], dtype=">f4"))
np.save(here / "target-bool.npy", np.array([True, False, True]))
np.save(here / "cube-fortran.npy", np.asfortranarray(np.arange(24, dtype="<i4").reshape(2, 3, 4)))
np.save(here / "strings.npy", np.array(["a", "b"]))
np.save(here / "objects.npy", np.array([1, "a"], dtype=object), allow_pickle=True)
np.save(here / "scalar.npy", np.float64(1.0))

# .npz: arrays named after roles, stored (np.savez) and deflated (np.savez_compressed)
def golden_rows(path):
    return [json.loads(line) for line in (here / "../../../../../builtin-losses/src/test/resources/golden" / path).read_text().splitlines() if line.strip()]

np.savez(here / "mc.npz", pred=logits, target=labels)
np.savez_compressed(here / "mc-named.npz", logits=logits, labels=labels.astype("<i4"))
reg = golden_rows("regression/reg-w.jsonl")
np.savez_compressed(here / "reg-w.npz", **{k: np.array([r[k] for r in reg]) for k in ("pred", "target", "weight")})
rega = golden_rows("regression/reg-a.jsonl")
np.savez(here / "reg-a.npz", **{k: np.array([r[k] for r in rega]) for k in ("pred", "target")})
tri = golden_rows("metric/triplets-weighted.jsonl")
np.savez(here / "triplets.npz", **{k: np.array([r[k] for r in tri]) for k in ("anchor", "positive", "negative", "weight")})
pairs = golden_rows("metric/pairs.jsonl")
np.savez(here / "pairs.npz", **{k: np.array([r[k] for r in pairs]) for k in ("a", "b", "target")})
# --key: the targets in reverse order, joined on id
ids = np.arange(len(reg)) + 100
np.savez(here / "keyed-pred.npz", id=ids, pred=np.array([r["pred"] for r in reg]))
np.savez(here / "keyed-target.npz", id=ids[::-1], target=np.array([r["target"] for r in reg])[::-1])
np.savez(here / "bad-lengths.npz", pred=np.zeros(3), target=np.zeros(20))
np.savez(here / "bad-dtype.npz", pred=np.array(["a", "b"]), target=np.zeros(2))
