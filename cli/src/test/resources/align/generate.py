"""Writes jiwer-alignments.json: jiwer's visualize_alignment lines for a few reference/hypothesis
pairs, which AlignTest compares with `losskit score --align` (CI has no Python: the output is
committed beside this script).

    python generate.py            # needs jiwer (4.x) and its rapidfuzz

Each case: the losskit loss (wer or cer) and -P parameters, the texts, jiwer's three lines (REF,
HYP, markers) and its counts. Only pairs that both tools align alike are used: where jiwer's
backtrace picks fewer hits than losskit's tie-break (see wer's describe) the alignments differ by
design, and where several alignments have the same counts the two may place an insertion or
deletion differently within a run of equal symbols (cer of "hello world" against "hallo  wörld":
jiwer "hello *world", losskit "hello* world"), with the same counts.
"""
import json

import jiwer

CASES = [
    # (loss, params, reference, hypothesis)
    ("wer", "", "short one here", "shoe order one"),
    ("wer", "", "quite a bit of longer sentence", "quite bit of an even longest sentence here"),
    ("wer", "", "the cat sat", "so the cat sat um"),
    ("wer", "", "hello world", ""),
    ("wer", "", "a supercalifragilistic b", "a super b c"),
    ("wer", "", "naïve café au lait", "naive café lait"),
    ("wer", "strip-punctuation=true", "Well, it's done.", "well its done"),
    ("cer", "", "kitten", "sitting"),
    ("cer", "", "hello world", "hallo wörld"),
    ("cer", "", "abc", ""),
]


def lines(ref_words, hyp_words, chunks, characters):
    """jiwer's three lines for one pair (its _construct_comparison_string, no line_width)."""
    text = jiwer.alignment._construct_comparison_string(
        ref_words, hyp_words, chunks, include_space_seperator=not characters
    )
    return text.rstrip("\n").split("\n")


def main():
    out = []
    for loss, params, ref, hyp in CASES:
        if loss == "cer":
            o = jiwer.process_characters([ref], [hyp])
        elif params == "strip-punctuation=true":
            t = jiwer.Compose([jiwer.RemovePunctuation(), jiwer.ReduceToListOfListOfWords()])
            o = jiwer.process_words([ref], [hyp], reference_transform=t, hypothesis_transform=t)
        else:
            o = jiwer.process_words([ref], [hyp])
        out.append({
            "loss": loss,
            "params": params,
            "ref": ref,
            "hyp": hyp,
            "lines": lines(o.references[0], o.hypotheses[0], o.alignments[0], loss == "cer"),
            "hits": o.hits,
            "substitutions": o.substitutions,
            "deletions": o.deletions,
            "insertions": o.insertions,
        })
    with open("jiwer-alignments.json", "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
