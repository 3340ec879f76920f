"""numpy's bootstrap, for BootstrapSanityTest and the README's benchmark.

python3 bootstrap_sanity.py fixture   writes ../resources/stats/sanity.csv and sanity.json: 2,000
                                     records and numpy's 95% percentile interval of their MSE
                                     (1,000 resamples drawn with default_rng(12345).integers)
python3 bootstrap_sanity.py time N    times that bootstrap of N records (1,000 resamples)
"""
import json
import os
import sys
import time

import numpy as np


def bootstrap(sq, resamples, seed):
    rng = np.random.default_rng(seed)
    n = len(sq)
    # one resample at a time: the (B, n) index matrix of 1M records would be 8 GB
    return np.array([sq[rng.integers(0, n, n)].mean() for _ in range(resamples)])


def main():
    if sys.argv[1] == "fixture":
        rng = np.random.default_rng(2026)
        n = 2000
        target = rng.normal(10, 3, n)
        pred = target + rng.standard_t(4, n)  # heavy-tailed errors: an interval that is not symmetric
        here = os.path.dirname(os.path.abspath(__file__))
        out = os.path.join(here, "..", "resources", "stats")
        with open(os.path.join(out, "sanity.csv"), "w") as f:
            f.write("pred,target\n")
            for p, t in zip(pred, target):
                f.write(f"{float(p)!r},{float(t)!r}\n")
        sq = (pred - target) ** 2
        reps = bootstrap(sq, 1000, 12345)
        low, high = np.percentile(reps, [2.5, 97.5])
        with open(os.path.join(out, "sanity.json"), "w") as f:
            json.dump({"mse": float(sq.mean()), "low": float(low), "high": float(high),
                       "resamples": 1000, "seed": 12345, "numpy": np.__version__}, f, indent=1)
            f.write("\n")
    else:
        n = int(sys.argv[2])
        rng = np.random.default_rng(1)
        sq = (rng.normal(size=n) - rng.normal(size=n)) ** 2
        t0 = time.perf_counter()
        reps = bootstrap(sq, 1000, 12345)
        t1 = time.perf_counter()
        print(f"numpy {np.__version__}: {n} records, 1000 resamples: {t1 - t0:.2f} s "
              f"(interval {np.percentile(reps, 2.5):.6f} .. {np.percentile(reps, 97.5):.6f})")


if __name__ == "__main__":
    main()
