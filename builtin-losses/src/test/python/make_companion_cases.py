"""Makes the project's own golden cases for the companion scores (brier, zero-one, top-k-error,
perplexity): inputs and cases.json in ../resources/project-golden/companion, in the format of
golden/README.md.

Reference values come from scikit-learn (brier_score_loss, zero_one_loss, top_k_accuracy_score)
and PyTorch (cross_entropy, topk) in float64; each is checked here against a second, direct
numpy transcription of LOSSES.md before it is written. Run with a Python that has numpy, scipy,
scikit-learn and torch:  python make_companion_cases.py
"""
import json
import pathlib

import numpy as np
import scipy.special as sp
import sklearn
import sklearn.metrics as skm
import torch
import torch.nn.functional as F

OUT = pathlib.Path(__file__).resolve().parent.parent / "resources" / "project-golden" / "companion"
rng = np.random.default_rng(20261202)
cases = []


def write_jsonl(name, rows):
    with open(OUT / name, "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")


def close(a, b):
    assert np.allclose(a, b, rtol=1e-12, atol=1e-14), (a, b)


def case(id, loss, file, expected, source, params=None, reduction="mean"):
    if isinstance(expected, np.ndarray):
        expected = [float(v) for v in expected]
    cases.append({"id": id, "loss": loss, "file": file, "params": params or {}, "reduction": reduction,
                  "args": [], "expected": expected if isinstance(expected, list) else float(expected),
                  "rtol": 1e-12, "atol": 1e-14, "source": source})


SK = "sklearn " + sklearn.__version__
TORCH = "torch " + torch.__version__

# --- brier ------------------------------------------------------------------------------------
n = 40
p = rng.uniform(0, 1, n).round(6)
p[:3] = [0.0, 1.0, 0.5]
y = rng.integers(0, 2, n)
w = rng.uniform(0.1, 3, n).round(3)
write_jsonl("brier-bin.jsonl", [{"pred": float(p[i]), "target": int(y[i]), "weight": float(w[i])} for i in range(n)])
direct = (p - y) ** 2
v = skm.brier_score_loss(y, p)
close(v, direct.mean())
# the file has a weight column, so every case of it is weighted
vw = skm.brier_score_loss(y, p, sample_weight=w)
close(vw, np.sum(w * direct) / np.sum(w))
case("brier-binary-weighted", "brier", "brier-bin.jsonl", vw, SK + " brier_score_loss(y, p, sample_weight=w)")
case("brier-binary-none", "brier", "brier-bin.jsonl", direct, "(p - y)^2 per sample (numpy)", reduction="none")
case("brier-binary-sum", "brier", "brier-bin.jsonl", np.sum(w * direct), "sum of w (p - y)^2 (numpy)", reduction="sum")

x = rng.normal(0, 3, n).round(6)
write_jsonl("brier-bin-logits.jsonl", [{"pred": float(x[i]), "target": int(y[i])} for i in range(n)])
v = skm.brier_score_loss(y, sp.expit(x))
close(v, np.mean((1 / (1 + np.exp(-x)) - y) ** 2))
case("brier-binary-logits", "brier", "brier-bin-logits.jsonl", v, SK + " brier_score_loss(y, expit(x))",
     {"input": "logits"})

n, C = 30, 4
P = rng.dirichlet(np.ones(C), n).round(6)
P[:, -1] = 1 - P[:, :-1].sum(axis=1)
k = rng.integers(0, C, n)
write_jsonl("brier-mc.jsonl", [{"pred": [float(v) for v in P[i]], "target": int(k[i])} for i in range(n)])
onehot = np.eye(C)[k]
v = skm.brier_score_loss(k, P, labels=list(range(C)), scale_by_half=False)
close(v, np.mean(np.sum((P - onehot) ** 2, axis=1)))
case("brier-multiclass", "brier", "brier-mc.jsonl", v,
     SK + " brier_score_loss(k, P, labels=range(4), scale_by_half=False)")

X = rng.normal(0, 2, (n, C)).round(6)
write_jsonl("brier-mc-logits.jsonl", [{"pred": [float(v) for v in X[i]], "target": int(k[i])} for i in range(n)])
S = sp.softmax(X, axis=1)
v = skm.brier_score_loss(k, S, labels=list(range(C)), scale_by_half=False)
E = np.exp(X - X.max(axis=1, keepdims=True))
close(v, np.mean(np.sum((E / E.sum(axis=1, keepdims=True) - onehot) ** 2, axis=1)))
case("brier-multiclass-logits", "brier", "brier-mc-logits.jsonl", v,
     SK + " brier_score_loss(k, softmax(X), labels=range(4), scale_by_half=False)", {"input": "logits"})

Y = rng.dirichlet(np.ones(C), n).round(6)
Y[:, -1] = 1 - Y[:, :-1].sum(axis=1)
Y = np.clip(Y, 0, 1)
write_jsonl("brier-mc-soft.jsonl", [{"pred": [float(v) for v in P[i]], "target": [float(v) for v in Y[i]]}
                                    for i in range(n)])
direct = np.sum((P - Y) ** 2, axis=1)
close(np.mean(direct), np.mean([sum((P[i, c] - Y[i, c]) ** 2 for c in range(C)) for i in range(n)]))
case("brier-multiclass-soft", "brier", "brier-mc-soft.jsonl", np.mean(direct),
     "mean over samples of sum_c (p_c - y_c)^2 (numpy; Brier 1950), soft targets")

# --- zero-one ---------------------------------------------------------------------------------
n = 50
s = rng.uniform(0, 1, n).round(2)
s[:4] = [0.5, 0.3, 0.29999, 0.49999]
y = rng.integers(0, 2, n)
w = rng.uniform(0.1, 3, n).round(3)
write_jsonl("zero-one-bin.jsonl", [{"pred": float(s[i]), "target": int(y[i])} for i in range(n)])
write_jsonl("zero-one-bin-w.jsonl", [{"pred": float(s[i]), "target": int(y[i]), "weight": float(w[i])}
                                     for i in range(n)])
for t, name in [(0.5, "zero-one-binary"), (0.3, "zero-one-binary-threshold")]:
    v = skm.zero_one_loss(y, (s >= t).astype(int))
    close(v, np.mean(((s >= t).astype(int) != y)))
    case(name, "zero-one", "zero-one-bin.jsonl", v, SK + " zero_one_loss(y, pred >= %s)" % t,
         {} if t == 0.5 else {"threshold": t})
v = skm.zero_one_loss(y, (s >= 0.5).astype(int), sample_weight=w)
close(v, np.sum(w * ((s >= 0.5) != y)) / np.sum(w))
case("error-rate-binary-weighted", "error-rate", "zero-one-bin-w.jsonl", v,
     SK + " zero_one_loss(y, pred >= 0.5, sample_weight=w)")
case("zero-one-binary-none", "zero-one", "zero-one-bin.jsonl", ((s >= 0.5) != y).astype(float),
     "1 where (pred >= 0.5) != y (numpy)", reduction="none")

n, C = 40, 5
X = rng.integers(-3, 4, (n, C)).astype(float)  # small integers: ties for the maximum are common
k = rng.integers(0, C, n)
write_jsonl("zero-one-mc.jsonl", [{"pred": [float(v) for v in X[i]], "target": int(k[i])} for i in range(n)])
am = np.argmax(X, axis=1)  # the first maximum: ties go to the lower class index
assert any(np.sum(X[i] == X[i].max()) > 1 for i in range(n))
v = skm.zero_one_loss(k, am)
close(v, np.mean([min(c for c in range(C) if X[i, c] == X[i].max()) != k[i] for i in range(n)]))
case("zero-one-multiclass-ties", "zero-one", "zero-one-mc.jsonl", v,
     SK + " zero_one_loss(k, argmax(X)) (numpy argmax: the first of tied maxima)")

n, L = 40, 4
Pm = rng.uniform(0, 1, (n, L)).round(2)
Ym = (rng.uniform(0, 1, (n, L)) < Pm).astype(int)
write_jsonl("zero-one-ml.jsonl", [{"pred": [float(v) for v in Pm[i]], "target": [int(v) for v in Ym[i]]}
                                  for i in range(n)])
v = skm.zero_one_loss(Ym, (Pm >= 0.5).astype(int))
close(v, np.mean([not all((Pm[i] >= 0.5).astype(int) == Ym[i]) for i in range(n)]))
case("zero-one-multilabel", "zero-one", "zero-one-ml.jsonl", v,
     SK + " zero_one_loss(Y, P >= 0.5) on label indicator matrices (subset accuracy)")

# --- top-k-error ------------------------------------------------------------------------------
n, C = 60, 10
X = rng.normal(0, 1, (n, C)).round(6)
k = rng.integers(0, C, n)
w = rng.uniform(0.1, 3, n).round(3)
write_jsonl("topk.jsonl", [{"pred": [float(v) for v in X[i]], "target": int(k[i])} for i in range(n)])
write_jsonl("topk-w.jsonl", [{"pred": [float(v) for v in X[i]], "target": int(k[i]), "weight": float(w[i])}
                             for i in range(n)])
Xt = torch.tensor(X, dtype=torch.float64)


def topk_miss(kk):
    idx = torch.topk(Xt, kk, dim=1).indices.numpy()
    return np.array([k[i] not in idx[i] for i in range(n)], dtype=float)


def rule_miss(X, k, kk):
    # LOSSES.md: the target is among the k largest, ties broken toward the lower class index
    out = []
    for i in range(len(k)):
        t = k[i]
        rank = np.sum(X[i] > X[i, t]) + np.sum(X[i, :t] == X[i, t])
        out.append(float(rank >= kk))
    return np.array(out)


for kk in (5, 1, 3):
    miss = topk_miss(kk)
    close(miss, rule_miss(X, k, kk))
    close(1 - np.mean(miss), skm.top_k_accuracy_score(k, X, k=kk, labels=list(range(C))))
    case("top-k-error-k%d" % kk, "top-k-error", "topk.jsonl", np.mean(miss),
         "1 - " + SK + " top_k_accuracy_score(k=%d); %s topk" % (kk, TORCH), {} if kk == 5 else {"k": kk})
miss = topk_miss(5)
v = 1 - skm.top_k_accuracy_score(k, X, k=5, labels=list(range(C)), sample_weight=w)
close(v, np.sum(w * miss) / np.sum(w))
case("top-k-error-weighted", "top-k-error", "topk-w.jsonl", v,
     "1 - " + SK + " top_k_accuracy_score(k=5, sample_weight=w)")
case("top-k-error-none", "top-k-error", "topk.jsonl", topk_miss(3), TORCH + " topk(3): 1 where the target is missing",
     {"k": 3}, reduction="none")

Xq = rng.integers(0, 3, (n, C)).astype(float)  # three levels: many ties
write_jsonl("topk-ties.jsonl", [{"pred": [float(v) for v in Xq[i]], "target": int(k[i])} for i in range(n)])
miss = rule_miss(Xq, k, 3)
# a second transcription: a stable sort by descending score keeps the lower index first among ties
order = np.argsort(-Xq, axis=1, kind="stable")[:, :3]
close(miss, np.array([float(k[i] not in order[i]) for i in range(n)]))
case("top-k-error-ties", "top-k-error", "topk-ties.jsonl", np.mean(miss),
     "LOSSES.md's rule (ties toward the lower class index): numpy, two transcriptions", {"k": 3})

# --- perplexity -------------------------------------------------------------------------------
n, V = 50, 8
X = rng.normal(0, 2, (n, V)).round(6)
t = rng.integers(0, V, n)
t[:6] = 7  # the padding id of the ignore-index case
w = rng.uniform(0.1, 3, n).round(3)
write_jsonl("ppl.jsonl", [{"pred": [float(v) for v in X[i]], "target": int(t[i])} for i in range(n)])
write_jsonl("ppl-w.jsonl", [{"pred": [float(v) for v in X[i]], "target": int(t[i]), "weight": float(w[i])}
                            for i in range(n)])
Xt, tt = torch.tensor(X, dtype=torch.float64), torch.tensor(t)
lse = np.log(np.sum(np.exp(X - X.max(axis=1, keepdims=True)), axis=1)) + X.max(axis=1)
nll = lse - X[np.arange(n), t]
v = torch.exp(F.cross_entropy(Xt, tt)).item()
close(v, np.exp(np.mean(nll)))
case("perplexity", "perplexity", "ppl.jsonl", v, TORCH + " exp(cross_entropy(x, t))")
per = F.cross_entropy(Xt, tt, reduction="none").numpy()
v = float(np.exp(np.sum(w * per) / np.sum(w)))
close(v, np.exp(np.sum(w * nll) / np.sum(w)))
case("perplexity-weighted", "perplexity", "ppl-w.jsonl", v, "exp(sum w l / sum w), l = " + TORCH
     + " cross_entropy(reduction='none')")
cw = [1.0, 2.0, 0.5, 1.0, 1.5, 1.0, 0.25, 3.0]
v = torch.exp(F.cross_entropy(Xt, tt, weight=torch.tensor(cw, dtype=torch.float64))).item()
close(v, np.exp(np.sum(np.array(cw)[t] * nll) / np.sum(np.array(cw)[t])))
case("perplexity-class-weights", "perplexity", "ppl.jsonl", v, TORCH + " exp(cross_entropy(x, t, weight=w))",
     {"class-weights": cw})
v = torch.exp(F.cross_entropy(Xt, tt, ignore_index=7)).item()
close(v, np.exp(np.mean(nll[t != 7])))
case("perplexity-ignore-index", "perplexity", "ppl.jsonl", v, TORCH + " exp(cross_entropy(x, t, ignore_index=7))",
     {"ignore-index": 7})

with open(OUT / "cases.json", "w") as f:
    json.dump(cases, f, indent=1)
    f.write("\n")
print(len(cases), "cases")
