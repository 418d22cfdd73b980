"""The recordlinkage toolkit on one labelled set; runs in its own environment (pandas < 3).

usage: python recordlinkage_runner.py INPUT.csv OUTPUT_DIR

INPUT.csv has one row per record: `row` (0..n-1), `source` (0, or 0/1 for a linkage task)
and the project's fields (given_name, family_name, birth_date, address, city, postcode,
passport_number); blank cells are missing. OUTPUT_DIR receives `candidates.csv`,
`matches_ecm.csv` (the toolkit's unsupervised Fellegi-Sunter classifier) and `matches_rule.csv`
(the tutorial rule: more than half the compared fields agree), pairs of rows, and
`timing.json`. The truth is never read here.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import recordlinkage as rl
from recordlinkage.classifiers import ECMClassifier

BLOCK_ON = ("given_name", "family_name", "birth_date")  # union of three standard blocks
STRING_FIELDS = ("given_name", "family_name", "address", "city")
EXACT_FIELDS = ("birth_date", "postcode", "passport_number")


def main() -> None:
    source_path, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    frame = pd.read_csv(source_path, dtype=str, keep_default_na=False).set_index("row")
    frame.index = frame.index.astype(int)
    frame = frame.mask(frame == "")
    present = [f for f in (*STRING_FIELDS, *EXACT_FIELDS) if frame[f].notna().any()]
    parts = [frame[frame["source"] == s] for s in sorted(frame["source"].unique())]

    indexer = rl.Index()
    for field in BLOCK_ON:
        if field in present:
            indexer.block(field)
    candidates = indexer.index(*parts) if len(parts) > 1 else indexer.index(frame)
    indexed = time.perf_counter()

    compare = rl.Compare()
    for field in present:
        if field in STRING_FIELDS:
            compare.string(field, field, method="jarowinkler", threshold=0.85, label=field)
        else:
            compare.exact(field, field, label=field)
    vectors = (
        compare.compute(candidates, *parts)
        if len(parts) > 1
        else compare.compute(candidates, frame)
    )
    compared = time.perf_counter()

    agreements = vectors.astype(int)
    by_ecm = ECMClassifier(binarize=None).fit_predict(agreements)
    classified = time.perf_counter()
    by_rule = agreements.index[agreements.sum(axis=1) > len(present) / 2]

    def write(index: pd.MultiIndex, name: str) -> None:
        pairs = np.column_stack([index.get_level_values(0), index.get_level_values(1)])
        np.savetxt(out_dir / name, pairs.astype(np.int64), fmt="%d", delimiter=",")

    write(candidates, "candidates.csv")
    write(by_ecm, "matches_ecm.csv")
    write(by_rule, "matches_rule.csv")
    timing = {"index_s": indexed - started, "compare_s": compared - indexed,
              "classify_s": classified - compared, "seconds": classified - started,
              "candidate_pairs": len(candidates), "matched_pairs_ecm": len(by_ecm)}  # fmt: skip
    (out_dir / "timing.json").write_text(json.dumps(timing))


if __name__ == "__main__":
    main()
