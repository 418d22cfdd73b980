"""The identity-index snapshot: encrypted at rest, and one new person checked against it."""

import os

import duckdb
import numpy as np
import pytest
from cryptography.exceptions import InvalidTag

from lifeline.generation.integrity_people import PERSON_FIELDS, generate_people
from lifeline.integrity.identity.features import person_features
from lifeline.integrity.identity.incremental import IdentityIndex
from lifeline.integrity.identity.linkage import make_linker, register_features

FIELDS = [f for f in PERSON_FIELDS if f != "record_id"]


@pytest.fixture(scope="module")
def people():
    records, truth = generate_people(2000, seed=51)
    features = person_features({f: [r[f] for r in records] for f in FIELDS})
    return (
        records,
        truth,
        IdentityIndex(features, np.array([truth[r["record_id"]] for r in records])),
    )


def test_a_known_person_written_differently_is_found_with_their_cluster(people):
    records, truth, index = people
    known = records[7]
    query = {f: known[f] for f in FIELDS} | {"given_name": known["given_name"].upper(),
                                              "phone": None, "email": None}  # fmt: skip
    matches = index.check(query)
    assert matches
    assert matches[0].cluster_id == truth[known["record_id"]]


def test_a_stranger_matches_nobody(people):
    _, _, index = people
    stranger = {"given_name": "Zebulon", "family_name": "Quattlebaum", "birth_date": "1931-12-30"}
    assert index.check(stranger) == []


def test_the_snapshot_is_encrypted_and_a_wrong_key_is_refused(people, tmp_path):
    records, _, index = people
    key = os.urandom(32)
    path = tmp_path / "identity.idx"
    index.save(path, key=key)
    assert records[0]["family_name"].encode() not in path.read_bytes()
    reopened = IdentityIndex.load(path, key=key)
    assert reopened.check({f: records[0][f] for f in FIELDS})
    with pytest.raises(InvalidTag):
        IdentityIndex.load(path, key=os.urandom(32))


def test_candidates_are_the_pairs_batch_blocking_would_score(people):
    records, _, _ = people
    features = person_features({f: [r[f] for r in records] for f in FIELDS})
    with duckdb.connect() as con:
        register_features(con, features, "people")
        blocked = make_linker(con, "people").inference.compute_blocked_pairs_for_predict()
        pairs = con.sql(f"SELECT join_key_l, join_key_r FROM {blocked.physical_name}").fetchall()  # noqa: S608
    known = len(records) - 40
    index = IdentityIndex(features.slice(0, known), np.arange(known))
    found = 0
    for row in range(known, len(records)):
        expected = {left for left, right in pairs if right == row and left < known}
        expected |= {right for left, right in pairs if left == row and right < known}
        assert set(index.candidates({f: records[row][f] for f in FIELDS})) == expected
        found += len(expected)
    assert found >= 10  # relatives and duplicates among the last 40 people


def test_a_twin_is_not_matched_to_their_sibling():
    twin = {"given_name": "Olena", "family_name": "Kovalenko", "birth_date": "2012-05-04",
            "sex": "F", "phone": "+13125550188",
            "address": "12 Oak Road Apt 3, Austin, TX 78701"}  # fmt: skip
    features = person_features({f: [twin.get(f)] for f in FIELDS})
    index = IdentityIndex(features, np.array([0]))
    assert index.check(twin | {"given_name": "Oksana"}) == []
    assert [m.unique_id for m in index.check(twin | {"given_name": "Олена"})] == [0]
