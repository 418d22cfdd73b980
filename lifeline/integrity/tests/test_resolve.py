"""Batch resolution on generated people with known truth; families stay separate people."""

from functools import cache

import duckdb
import pyarrow as pa
import pytest

from lifeline.generation.integrity_people import PERSON_FIELDS, generate_people
from lifeline.integrity.identity.evaluation import bcubed_scores, pairwise_scores
from lifeline.integrity.identity.features import person_features
from lifeline.integrity.identity.linkage import (
    blocking_copy,
    load_model,
    make_linker,
    register_blocked_pairs,
    register_features,
    resolve,
)
from lifeline.integrity.identity.linkage_settings import BLOCKING_VALUE_CAP, model_settings

FIELDS = [f for f in PERSON_FIELDS if f != "record_id"]


def _columns(records):
    return {field: [r.get(field) for r in records] for field in FIELDS}


@cache
def _resolved_sample():
    records, truth = generate_people(4000, seed=21)  # an evaluation seed, not the training one
    result = resolve(person_features(_columns(records)))
    return list(result.cluster_of_row), [truth[r["record_id"]] for r in records]


def test_pairwise_precision_and_recall_on_generated_people():
    predicted, truth = _resolved_sample()
    scores = pairwise_scores(predicted, truth)
    assert scores.precision >= 0.99
    assert scores.recall >= 0.93


def test_cluster_level_f1_on_generated_people():
    predicted, truth = _resolved_sample()
    assert bcubed_scores(predicted, truth).f1 >= 0.98


def _person(given, family="Kovalenko", birth="2012-05-04", **extra):
    return {"given_name": given, "family_name": family, "birth_date": birth, "sex": "F",
            "phone": "+13125550188", "address": "12 Oak Road Apt 3, Austin, TX 78701",
            "email": None, "ssn": None} | extra  # fmt: skip


def _clusters(records):
    return list(resolve(person_features(_columns(records))).cluster_of_row)


def test_twins_sharing_surname_birth_date_phone_and_address_stay_apart():
    clusters = _clusters(
        [_person("Olena"), _person("Oksana"), _person("Olena", family="Коваленко")]
    )
    assert clusters[0] != clusters[1]
    assert clusters[0] == clusters[2]


def test_siblings_of_one_household_stay_apart():
    clusters = _clusters(
        [_person("Andrii", birth="2010-01-02", sex="M"), _person("Iryna", birth="2013-07-09")]
    )
    assert clusters[0] != clusters[1]


def test_people_with_a_common_name_but_different_birth_dates_stay_apart():
    records = [
        _person("José", family="García López", birth=f"19{70 + i}-03-1{i}", phone=None,
                address=None)
        for i in range(5)
    ]  # fmt: skip
    assert len(set(_clusters(records))) == 5


def test_one_person_across_scripts_nicknames_and_a_day_month_swap_is_one_cluster():
    records = [
        _person("Oleksandr", family="Shevchenko", birth="1980-03-07", sex="M"),
        _person("Олександр", family="Шевченко", birth="1980-07-03", sex="M"),
        _person("Sasha", family="Shevchenko", birth="1980-03-07", sex="M", phone=None),
    ]
    assert len(set(_clusters(records))) == 1


def test_the_prior_falls_as_one_over_n_above_the_training_size_and_never_rises():
    from lifeline.integrity.identity.linkage import prior_for_size

    model = {"probability_two_random_records_match": 1e-5, "_training_records": 60_000}
    assert prior_for_size(model, 1_000) == 1e-5
    assert prior_for_size(model, 60_000) == 1e-5
    assert prior_for_size(model, 600_000) == pytest.approx(1e-6)


def test_the_model_file_blocks_with_the_rules_in_linkage_settings():
    rendered = model_settings().create_settings_dict("duckdb")
    expected = [
        rule["blocking_rule"] for rule in rendered["blocking_rules_to_generate_predictions"]
    ]
    stored = [
        rule["blocking_rule"] for rule in load_model()["blocking_rules_to_generate_predictions"]
    ]
    assert stored == expected


def test_blocking_copy_blanks_only_values_above_the_cap_whatever_the_nulls() -> None:
    rare = ["a"] + [None] * (BLOCKING_VALUE_CAP + 10)  # many blanks must not count toward "a"
    assert blocking_copy(pa.array(rare)).to_pylist() == rare
    common = ["b"] * (BLOCKING_VALUE_CAP + 1) + ["c", None]
    blanked = [None] * (BLOCKING_VALUE_CAP + 1) + ["c", None]
    assert blocking_copy(pa.array(common)).to_pylist() == blanked


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"given_name": "Oksana", "family_name": "Rudenko"},
         {"given_name": "Rudenko", "family_name": "Oksana"}),
        ({"birth_date": "1984-02-19"}, {"birth_date": "1983-02-19"}),
        ({"family_name": "Shevchenko"}, {"family_name": "Schewtschenko"}),
        ({"family_name": "García López"}, {"family_name": "García"}),
    ],
)  # fmt: skip
def test_one_person_with_an_intake_error_and_the_same_phone_is_one_cluster(first, second):
    records = [_person("Olena") | {"passport_number": "UA1234567"} | first,
               _person("Olena") | {"passport_number": None} | second]  # fmt: skip
    assert len(set(_clusters(records))) == 1


def test_a_twin_whose_given_name_is_the_family_name_stays_apart_from_a_swapped_sibling():
    records = [
        _person("Jean-Baptiste", family="Widline", birth="1983-04-29", address=None),
        _person("Pierre", family="Jean-Baptiste", birth="1983-04-29", address=None),
    ]
    assert len(set(_clusters(records))) == 2


def test_our_blocked_pairs_are_the_pairs_and_first_rules_splink_blocks_itself():
    records, _ = generate_people(3000, seed=21)
    features = person_features(_columns(records))
    with duckdb.connect() as con:
        register_features(con, features, "people")
        splink_pairs = make_linker(con, "people").inference.compute_blocked_pairs_for_predict()
        expected = con.sql(
            f"SELECT join_key_l, join_key_r, match_key FROM {splink_pairs.physical_name}"  # noqa: S608
        ).fetchall()
        register_blocked_pairs(make_linker(con, "people"), "people")
        ours = con.sql("SELECT join_key_l, join_key_r, match_key FROM people_blocked_pairs")
        found = ours.fetchall()
    assert len(expected) > 500 and len({rule for *_, rule in expected}) >= 10
    assert sorted(found) == sorted(expected)
