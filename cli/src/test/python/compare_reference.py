"""Reference values for CompareReferenceTest: a paired comparison computed with numpy alone.

Writes compare/baseline.csv and compare/candidate.csv (300 records of a regression: the same
targets, the candidate's errors a little smaller) and compare/reference.json: per loss, both
values and their difference (exact), the exact-enough approximate randomization p-value
(1,000,000 random sign flips of the per-record differences), and a paired Poisson bootstrap with
100,000 replicates (interval ends at 2.5% and 97.5%, numpy's default quantiles, and Koehn's
p-value with the replicate differences centred), with numpy's own random numbers. losskit's
figures (1,000 replicates, 10,000 trials, its own generator) must agree within their Monte Carlo
error; the test states the tolerances.

Run from cli/src/test/resources:  /work/venv/bin/python ../python/compare_reference.py
"""
import json
import os

import numpy as np

N = 300
rng = np.random.default_rng(20261202)
target = rng.normal(0.0, 2.0, N)
baseline = target + rng.normal(0.0, 1.0, N)
candidate = target + rng.normal(0.0, 0.9, N)

os.makedirs("compare", exist_ok=True)
for name, pred in (("baseline", baseline), ("candidate", candidate)):
    with open(f"compare/{name}.csv", "w") as f:
        f.write("id,pred,target\n")
        for i in range(N):
            f.write(f"r{i},{float(pred[i])!r},{float(target[i])!r}\n")

# read back what was written, as losskit reads it
def read(name):
    rows = np.genfromtxt(f"compare/{name}.csv", delimiter=",", skip_header=1, usecols=(1, 2))
    return rows[:, 0], rows[:, 1]

b_pred, t = read("baseline")
c_pred, t2 = read("candidate")
assert np.array_equal(t, t2)

losses = {
    "mae": lambda p: np.abs(p - t),
    "mse": lambda p: (p - t) ** 2,
}

AR_TRIALS = 1_000_000
BOOT = 100_000
reference = {"records": N, "ar_trials": AR_TRIALS, "bootstrap_replicates": BOOT, "results": {}}
for loss, per_record in losses.items():
    lb, lc = per_record(b_pred), per_record(c_pred)
    d = lc - lb
    observed = d.sum()
    # approximate randomization: swap each record's two values with probability 1/2
    ar_rng = np.random.default_rng(1)
    at_least = 0
    for start in range(0, AR_TRIALS, 20_000):
        signs = ar_rng.integers(0, 2, size=(20_000, N)) * 2 - 1
        at_least += int((np.abs(signs @ d) >= abs(observed)).sum())
    p_ar = (at_least + 1) / (AR_TRIALS + 1)
    # paired Poisson bootstrap: one count per record and replicate, shared by both systems
    bs_rng = np.random.default_rng(2)
    deltas = []
    for start in range(0, BOOT, 10_000):
        k = bs_rng.poisson(1.0, size=(10_000, N)).astype(float)
        total = k.sum(axis=1)
        deltas.append((k @ lc) / total - (k @ lb) / total)
    deltas = np.concatenate(deltas)
    difference = lc.mean() - lb.mean()
    p_bs = (int((np.abs(deltas - deltas.mean()) >= abs(difference)).sum()) + 1) / (BOOT + 1)
    reference["results"][loss] = {
        "baseline": float(lb.mean()),
        "candidate": float(lc.mean()),
        "difference": float(difference),
        "ci_low": float(np.quantile(deltas, 0.025)),
        "ci_high": float(np.quantile(deltas, 0.975)),
        "p_bootstrap": p_bs,
        "p_randomization": p_ar,
    }

with open("compare/reference.json", "w") as f:
    json.dump(reference, f, indent=2)
    f.write("\n")
print(json.dumps(reference, indent=2))
