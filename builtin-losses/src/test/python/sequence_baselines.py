#!/usr/bin/python3
"""Times the reference implementations on the workloads SequenceBench writes.

    java ... io.losskit.builtin.sequence.bench.SequenceBench DIR
    /usr/bin/python3 builtin-losses/src/test/python/sequence_baselines.py DIR

Needs Debian's python3-torch (1.13) and python3-levenshtein (0.12), the versions the golden vectors
were computed with. Prints the median and the minimum of several runs, like SequenceBench, and the
checksums to compare with it (sums of the losses, to make sure both computed the same thing).
"""
import statistics
import sys
import time
from pathlib import Path


def timed(label, fn, runs=11, warmup=2):
    for _ in range(warmup):
        fn()
    times = []
    check = None
    for _ in range(runs):
        t0 = time.perf_counter()
        check = fn()
        times.append((time.perf_counter() - t0) * 1000)
    print(f"{label:<70} median {statistics.median(times):8.1f} ms  (min {min(times):.1f}, max {max(times):.1f})"
          f"  [checksum {check:.6g}]")


def main(d):
    import numpy as np
    import torch
    import torch.nn.functional as F
    import Levenshtein

    torch.set_num_threads(1)
    batch, t, c = map(int, (d / "shape.txt").read_text().split())
    targets = [list(map(int, line.split())) for line in (d / "ctc_targets.txt").read_text().splitlines()]
    tgt = torch.tensor(targets, dtype=torch.long)
    in_len = torch.full((batch,), t, dtype=torch.long)
    tgt_len = torch.tensor([len(x) for x in targets], dtype=torch.long)
    for name in ("ctc_logprobs.f64", "ctc_logprobs_peaky.f64"):
        x = np.fromfile(d / name, dtype="<f8").reshape(batch, t, c)
        lp = torch.from_numpy(x).transpose(0, 1).contiguous()  # T × N × C
        timed(f"torch {torch.__version__} ctc_loss forward, 1 thread ({name})",
              lambda: F.ctc_loss(lp, tgt, in_len, tgt_len, blank=0, reduction="none").sum().item())

    for name in ("edit_asr.tsv", "edit_random.tsv"):
        pairs = [line.split("\t") for line in (d / name).read_text(encoding="utf-8").splitlines()]
        dist = Levenshtein.distance
        timed(f"python-Levenshtein distance ({name}, {len(pairs)} pairs)",
              lambda: float(sum(dist(a, b) for a, b in pairs)))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "bench/data/sequence"))
