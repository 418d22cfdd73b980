"""Retraining integrity's person-linkage model with EM on the project's own synthetic people."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import duckdb
from splink import DuckDBAPI, Linker, block_on

from lifeline.generation.integrity_people import PERSON_FIELDS, generate_people
from lifeline.integrity.identity.features import person_features
from lifeline.integrity.identity.linkage import MODEL_PATH, register_features
from lifeline.integrity.identity.linkage_settings import MODEL_NAME, model_settings

TRAINING_SEED = 101  # development seed; evaluation uses other seeds
TRAINING_RECORDS = 60_000
M_FLOOR = 1e-3  # no level may veto a match on its own (nationality changes, typos happen)
# EM sessions block on personal identifiers only: pairs blocked on a household value
# (surname, phone, address) are mostly relatives and would teach the model that a
# different first name is normal for the same person.
_EM_BLOCKS = (
    block_on("ssn"),
    block_on("passport"),
    block_on("email"),
    block_on("given_key", "dob"),
)


def train_model(
    *, output: Path = MODEL_PATH, seed: int = TRAINING_SEED, n_records: int = TRAINING_RECORDS
) -> Path:
    """Estimate u by random sampling and m by EM (no labels), then save the model as JSON."""
    records, _ = generate_people(n_records, seed=seed)
    columns = {f: [r[f] for r in records] for f in PERSON_FIELDS if f != "record_id"}
    features = person_features(columns)
    with duckdb.connect() as con:
        register_features(con, features, "training")
        db_api = DuckDBAPI(con)
        linker = Linker(
            db_api.register("training", table_name="training_input"),
            model_settings(),
            log_level=logging.WARNING,
        )
        linker.training.estimate_probability_two_random_records_match(
            [block_on("given_key", "family_key", "dob")], recall=0.7
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=seed)
        for rule in _EM_BLOCKS:
            linker.training.estimate_parameters_using_expectation_maximisation(rule)
        settings = _with_floor(linker.misc.save_model_to_json(out_path=None))
    settings["linker_uid"] = MODEL_NAME
    settings["training"] = {"generator_seed": seed, "records": n_records, "method": "EM"}
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(settings, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return output


def _with_floor(settings: dict[str, Any]) -> dict[str, Any]:
    """Give unobserved levels and zero m values a small floor, renormalised per comparison."""
    for comparison in settings["comparisons"]:
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        for level in levels:
            level["m_probability"] = max(level.get("m_probability") or 0.0, M_FLOOR)
            level["u_probability"] = max(level.get("u_probability") or 0.0, M_FLOOR / 100)
        for key in ("m_probability", "u_probability"):
            total = sum(level[key] for level in levels)
            for level in levels:
                level[key] /= total
    return settings
