"""The Python pair scorer gives Splink's own probabilities and the same given-name veto."""

import duckdb
import pyarrow.compute as pc
import pytest

from lifeline.generation.integrity_people import PERSON_FIELDS, generate_people
from lifeline.integrity.identity.features import person_features
from lifeline.integrity.identity.linkage import (
    given_name_veto_sql,
    load_model,
    make_linker,
    register_features,
    with_blocking_columns,
)
from lifeline.integrity.identity.pair_scoring import PairScorer

FIELDS = [f for f in PERSON_FIELDS if f != "record_id"]
KNOWN_PEOPLE = 3000  # the prior is the one for an index of this size


@pytest.fixture(scope="module")
def neighbours():
    """Generated people sorted by surname, so a window holds relatives, twins and duplicates;
    with name-key term frequencies as the identity index supplies them."""
    records, _ = generate_people(3000, seed=33)
    features = person_features({f: [r[f] for r in records] for f in FIELDS})
    window = with_blocking_columns(features.sort_by("family_key").slice(0, 240))
    for column in ("given_key", "family_key"):
        counts = pc.value_counts(window.column(column)).to_pylist()
        share = {c["values"]: c["counts"] / window.num_rows for c in counts}
        tf = [share.get(v) if v is not None else None for v in window.column(column).to_pylist()]
        window = window.append_column(f"tf_{column}", [tf])
    return window.to_pylist()


def test_probabilities_and_veto_agree_with_splink_sql(neighbours):
    left = neighbours[::4]  # each next to its own relatives and duplicates on the right
    right = [record for index, record in enumerate(neighbours) if index % 4]
    with duckdb.connect() as con:
        register_features(con, person_features({"given_name": ["x"]}), "people")
        linker = make_linker(con, "people", n_records=KNOWN_PEOPLE)
        scored = linker.inference.score_pairs(left, right)
        veto = given_name_veto_sql(linker._settings_obj.as_dict())
        rows = con.sql(
            f"SELECT unique_id_l, unique_id_r, match_probability, ({veto}) AS vetoed "  # noqa: S608
            f"FROM {scored.physical_name}"
        ).fetchall()
    by_id = {record["unique_id"]: record for record in neighbours}
    scorer = PairScorer(load_model(), KNOWN_PEOPLE)
    assert len(rows) == len(left) * len(right)
    agree = vetoes = 0
    for left_id, right_id, probability, vetoed in rows:
        ours, our_veto = scorer.score(by_id[left_id], by_id[right_id])
        assert ours == pytest.approx(probability, rel=1e-9, abs=1e-12), (left_id, right_id)
        assert our_veto == bool(vetoed), (left_id, right_id)
        agree += probability >= 0.9
        vetoes += bool(vetoed)
    assert agree > 0 and vetoes > 0  # both matches and vetoed pairs were compared


def test_a_level_the_scorer_cannot_evaluate_is_refused():
    model = load_model()
    broken = {**model, "comparisons": [dict(model["comparisons"][0])]}
    levels = [dict(level) for level in broken["comparisons"][0]["comparison_levels"]]
    levels[1]["sql_condition"] = "regexp_matches(given_key_l, given_key_r)"
    broken["comparisons"][0]["comparison_levels"] = levels
    with pytest.raises(ValueError, match="not supported"):
        PairScorer(broken, 10)
