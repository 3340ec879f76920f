"""Golden values of `losskit score --by` from pandas groupby.

Writes cli/src/test/resources/slices/preds.csv (300 rows: country, fold, pred, target, weight)
and expected.json: for the whole input and each (country, fold) and each country, the weighted
mse and mae (Σwℓ/Σw), rmse (√ of the weighted mse) and the count, as pandas computes them.
Run with the shared venv:  /work/venv/bin/python cli/src/test/python/make_slice_cases.py
"""
import json
import pathlib

import numpy as np
import pandas as pd

out = pathlib.Path(__file__).resolve().parents[1] / "resources" / "slices"
rng = np.random.default_rng(20261202)
n = 300
df = pd.DataFrame({
    "country": rng.choice(["de", "fr", "it", "nl", "x,y"], size=n, p=[0.4, 0.3, 0.15, 0.1, 0.05]),
    "fold": rng.integers(0, 3, size=n),
    "pred": rng.normal(0, 2, size=n).round(6),
    "target": rng.normal(0, 2, size=n).round(6),
    "weight": rng.choice([0.0, 0.5, 1.0, 2.0, 3.5], size=n),
})
df.to_csv(out / "preds.csv", index=False)
df = pd.read_csv(out / "preds.csv", keep_default_na=False)


def values(g):
    d = g["pred"] - g["target"]
    w = g["weight"]
    mse = float((w * d * d).sum() / w.sum())
    return {"count": int(len(g)), "mse": mse, "mae": float((w * d.abs()).sum() / w.sum()), "rmse": float(np.sqrt(mse))}


def slices(by):
    return [{"slice": {c: (v.item() if hasattr(v, "item") else v) for c, v in zip(by, key if isinstance(key, tuple) else (key,))},
             **values(g)} for key, g in df.groupby(by, sort=True)]


expected = {"whole": values(df), "country": slices(["country"]), "country,fold": slices(["country", "fold"])}
(out / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")
