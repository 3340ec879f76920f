"""Makes the project's own golden cases for the ASR rates beyond golden/sequence: mer, wil, the
per-utterance rates of wer and cer, and the strip-punctuation / collapse-whitespace parameters:
inputs and cases.json in ../resources/project-golden/asr, in the format of golden/README.md.

Reference values come from jiwer (process_words / process_characters with the transformations
that each losskit parameter names); each corpus value is also checked here against a direct
transcription of LOSSES.md over jiwer's own hit/substitution/deletion/insertion counts.
Run with a Python that has jiwer (and its rapidfuzz):  python make_asr_cases.py
"""
import json
import pathlib

import jiwer
import jiwer.transforms as tr

OUT = pathlib.Path(__file__).resolve().parent.parent / "resources" / "project-golden" / "asr"
cases = []
JIWER = "jiwer " + getattr(jiwer, "__version__", "4.0.0")


def write_jsonl(name, refs, hyps):
    with open(OUT / name, "w", encoding="utf-8") as f:
        for r, h in zip(refs, hyps):
            f.write(json.dumps({"pred": h, "target": r}, ensure_ascii=False) + "\n")


def close(a, b):
    assert abs(a - b) <= 1e-12 * max(1, abs(b)), (a, b)


def case(id, loss, file, expected, source, params=None, reduction="mean", counts=None):
    c = {"id": id, "loss": loss, "file": file, "params": params or {}, "reduction": reduction,
         "args": [], "expected": expected, "rtol": 1e-12, "atol": 1e-14, "source": source}
    if counts is not None:
        c["details"] = {"hits": counts.hits, "substitutions": counts.substitutions,
                        "deletions": counts.deletions, "insertions": counts.insertions}
    cases.append(c)


def words(*steps):
    # losskit splits words like str.split(); jiwer's default splits on spaces after collapsing runs
    return tr.Compose(list(steps) + [tr.RemoveMultipleSpaces(), tr.Strip(), tr.ReduceToListOfListOfWords()])


def chars(*steps):
    return tr.Compose(list(steps) + [tr.ReduceToListOfListOfChars()])


PUNCT = tr.RemovePunctuation()
COLLAPSE = [tr.RemoveMultipleSpaces(), tr.Strip()]

# No utterance here has two minimum-edit alignments with different hit counts: on those jiwer
# (rapidfuzz's backtrace) and losskit (the most hits, as sclite) count differently; see describe mer.
refs = ["the cat sat on the mat", "hello world", "a b c d", "", "one two three", "good morning everyone",
        "it is what it is", "", "x", "speech recognition is hard"]
hyps = ["the cat sat on mat", "hello there world", "a x c", "", "one two three", "good morning every one",
        "", "uh", "y z", "speech wreck ignition is hard"]
write_jsonl("words.jsonl", refs, hyps)

o = jiwer.process_words(refs, hyps, reference_transform=words(), hypothesis_transform=words())
H, S, D, I = o.hits, o.substitutions, o.deletions, o.insertions
R = sum(len(s) for s in o.references)
P = sum(len(s) for s in o.hypotheses)
close(o.mer, (S + D + I) / (H + S + D + I))
close(o.wil, 1 - (H / R) * (H / P))
src = JIWER + " process_words(refs, hyps)"
case("mer", "mer", "words.jsonl", o.mer, src + ".mer", counts=o)
case("wil", "wil", "words.jsonl", o.wil, src + ".wil", counts=o)
case("wer", "wer", "words.jsonl", o.wer, src + ".wer", counts=o)

per = [jiwer.process_words(r, h, reference_transform=words(), hypothesis_transform=words()) for r, h in zip(refs, hyps)]
case("mer-none", "mer", "words.jsonl", [p.mer for p in per], JIWER + " process_words(ref, hyp).mer per utterance",
     reduction="none")
case("wil-none", "wil", "words.jsonl", [p.wil for p in per], JIWER + " process_words(ref, hyp).wil per utterance",
     reduction="none")
# jiwer's wer of an empty reference is the number of insertions; LOSSES.md: 0 or +inf
wer_none = [p.wer if len(p.references[0]) else (0.0 if p.insertions == 0 else "Infinity") for p in per]
case("wer-none", "wer", "words.jsonl", wer_none,
     JIWER + " process_words(ref, hyp).wer per utterance (empty reference: 0 or Infinity, LOSSES.md)",
     reduction="none")

# punctuation, case and spacing, as transcripts come
prefs = ["Hello, world!", "It's  a  «test» — isn't it?", "  spaced   out  ", "e.g. Dr. Who", "¿Qué tal?"]
phyps = ["hello world", "its a test isnt it", "spaced out", "eg dr who", "que tal"]
write_jsonl("punct.jsonl", prefs, phyps)
for loss, proc, build in [("wer", jiwer.process_words, words), ("mer", jiwer.process_words, words),
                          ("wil", jiwer.process_words, words)]:
    t = build(tr.ToLowerCase(), PUNCT)
    o = proc(prefs, phyps, reference_transform=t, hypothesis_transform=t)
    case(loss + "-strip-punctuation", loss, "punct.jsonl", getattr(o, loss),
         JIWER + " " + proc.__name__ + " with ToLowerCase, RemovePunctuation." + loss,
         {"strip-punctuation": "true", "ignore-case": "true"}, counts=o)

# cer: collapse-whitespace matters for characters (words split on any whitespace anyway)
t = chars(*COLLAPSE)
o = jiwer.process_characters(prefs, phyps, reference_transform=t, hypothesis_transform=t)
case("cer-collapse-whitespace", "cer", "punct.jsonl", o.cer,
     JIWER + " process_characters with RemoveMultipleSpaces, Strip", {"collapse-whitespace": "true"}, counts=o)
t = chars(tr.ToLowerCase(), PUNCT, *COLLAPSE)
o = jiwer.process_characters(prefs, phyps, reference_transform=t, hypothesis_transform=t)
case("cer-normalized", "cer", "punct.jsonl", o.cer,
     JIWER + " process_characters with ToLowerCase, RemovePunctuation, RemoveMultipleSpaces, Strip",
     {"collapse-whitespace": "true", "strip-punctuation": "true", "ignore-case": "true"}, counts=o)
per = [jiwer.process_characters(r, h, reference_transform=t, hypothesis_transform=t) for r, h in zip(prefs, phyps)]
case("cer-normalized-none", "cer", "punct.jsonl", [p.cer for p in per],
     JIWER + " process_characters(ref, hyp).cer per utterance, same transformations",
     {"collapse-whitespace": "true", "strip-punctuation": "true", "ignore-case": "true"}, reduction="none")

with open(OUT / "cases.json", "w") as f:
    json.dump(cases, f, indent=1)
    f.write("\n")
print(len(cases), "cases")
