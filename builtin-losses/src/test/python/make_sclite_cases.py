#!/usr/bin/python3
"""Writes src/test/resources/sclite/{words,chars}.tsv: hypothesis/reference pairs with NIST sclite's
own counts (hits, substitutions, deletions, insertions) per utterance.

Needs Debian's sctk package (sclite 2.10 from SCTK 1.3, /usr/lib/sctk/bin/sclite). The text is the
GPL-3 and Apache-2.0 licence texts of /usr/share/common-licenses, cut into utterances and corrupted
with seeded random word errors (substitutions, deletions, insertions, swaps, merges, splits) or
character errors. Characters are scored the usual way with sclite: one "word" per character.

    /usr/bin/python3 builtin-losses/src/test/python/make_sclite_cases.py builtin-losses/src/test/resources/sclite
"""
import os
import random
import re
import subprocess
import sys
import tempfile

SCLITE = "/usr/lib/sctk/bin/sclite"


def licence_words(names, pattern):
    text = "".join(open(f"/usr/share/common-licenses/{n}").read() for n in names)
    return [w.lower() for w in re.findall(pattern, text)]


def word_pairs():
    rnd = random.Random(5)
    words = licence_words(["GPL-3", "Apache-2.0"], r"[A-Za-z']+")
    vocab = sorted(set(words))
    pairs, i = [], 0
    while i < len(words) - 30 and len(pairs) < 3000:
        n = rnd.randint(4, 25)
        ref = words[i:i + n]
        i += n
        rate = rnd.choice([0.05, 0.15, 0.3, 0.5])
        hyp, k = [], 0
        while k < len(ref):
            w, r = ref[k], rnd.random()
            if r < rate * 0.3:
                hyp.append(rnd.choice(vocab))
            elif r < rate * 0.45:
                pass
            elif r < rate * 0.6:
                hyp += [w, rnd.choice(vocab)]
            elif r < rate * 0.75 and k + 1 < len(ref):
                hyp += [ref[k + 1], w]
                k += 1
            elif r < rate * 0.85 and k + 1 < len(ref):
                hyp.append(w + ref[k + 1])
                k += 1
            elif r < rate and len(w) > 3:
                c = rnd.randint(1, len(w) - 1)
                hyp += [w[:c], w[c:]]
            else:
                hyp.append(w)
            k += 1
        pairs.append((hyp, ref))
    return pairs


def char_pairs():
    rnd = random.Random(9)
    words = licence_words(["GPL-3"], r"[A-Za-z]+")
    letters = "abcdefghijklmnopqrstuvwxyz"
    pairs, i = [], 0
    while i < len(words) - 12 and len(pairs) < 1500:
        n = rnd.randint(2, 8)
        ref = "".join(words[i:i + n])[:60]
        i += n
        rate = rnd.choice([0.05, 0.1, 0.2, 0.35])
        hyp, k = [], 0
        while k < len(ref):
            c, r = ref[k], rnd.random()
            if r < rate * 0.4:
                hyp.append(rnd.choice(letters))
            elif r < rate * 0.6:
                pass
            elif r < rate * 0.8:
                hyp += [c, rnd.choice(letters)]
            elif r < rate and k + 1 < len(ref):
                hyp += [ref[k + 1], c]
                k += 1
            else:
                hyp.append(c)
            k += 1
        pairs.append((list("".join(hyp)), list(ref)))
    return pairs


def sclite_counts(pairs):
    with tempfile.TemporaryDirectory() as d:
        for name, side in (("ref.trn", 1), ("hyp.trn", 0)):
            with open(os.path.join(d, name), "w") as f:
                for j, p in enumerate(pairs):
                    f.write(" ".join(p[side]) + f" (spk{j % 7}_{j:05d})\n")
        sgml = subprocess.run([SCLITE, "-r", os.path.join(d, "ref.trn"), "trn", "-h", os.path.join(d, "hyp.trn"),
                               "trn", "-i", "rm", "-o", "sgml", "stdout"], capture_output=True, text=True,
                              check=True).stdout
    counts, cur = {}, None
    for line in sgml.splitlines():
        m = re.match(r'<PATH id="\(spk\d+_(\d+)\)"', line)
        if m:
            cur = int(m.group(1))
        elif cur is not None and not line.startswith("<"):
            ops = re.findall(r"(?:^|:)([CSDI]),", line.strip())
            counts[cur] = [ops.count(x) for x in "CSDI"]
            cur = None
    return [counts.get(j, [0, 0, 0, 0]) for j in range(len(pairs))]


def write(path, pairs, joiner):
    with open(path, "w") as f:
        f.write("# hypothesis\treference\tsclite hits\tsubstitutions\tdeletions\tinsertions\n")
        for (hyp, ref), c in zip(pairs, sclite_counts(pairs)):
            f.write(joiner.join(hyp) + "\t" + joiner.join(ref) + "\t" + "\t".join(map(str, c)) + "\n")


if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "words.tsv"), word_pairs(), " ")
    write(os.path.join(out, "chars.tsv"), char_pairs(), "")
