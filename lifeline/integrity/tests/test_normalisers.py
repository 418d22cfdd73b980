"""Dates, phones, e-mails, IPs, addresses, SSNs, bank accounts and narrative fingerprints."""

import datetime as dt

import pyarrow as pa
import pytest

from lifeline.generation.integrity_people import PERSON_FIELDS, generate_people
from lifeline.integrity.identity import features
from lifeline.integrity.identity.features import person_features
from lifeline.integrity.normalise import narratives
from lifeline.integrity.normalise.addresses import address_keys
from lifeline.integrity.normalise.contact import normalise_email, normalise_ip, normalise_phone
from lifeline.integrity.normalise.dates import is_day_month_swap, parse_birth_date
from lifeline.integrity.normalise.identifiers import (
    check_ssn,
    hash_identifier,
    normalise_bank_account,
)
from lifeline.integrity.normalise.narratives import (
    exact_fingerprint,
    minhash_signature,
    narrative_groups,
    narrative_tokens,
    near_duplicate_groups,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1990-03-04", dt.date(1990, 3, 4)),
        ("19900304", dt.date(1990, 3, 4)),
        ("04.03.1990", dt.date(1990, 3, 4)),
        ("03/04/1990", dt.date(1990, 3, 4)),
        ("1990-02-30", None),
        ("1890-01-01", None),
        ("yesterday", None),
        (None, None),
    ],
)
def test_birth_dates_parse_from_common_forms(raw, expected):
    assert parse_birth_date(raw) == expected


def test_day_month_swap_is_recognised_only_within_one_year():
    assert is_day_month_swap(dt.date(1990, 3, 4), dt.date(1990, 4, 3))
    assert not is_day_month_swap(dt.date(1990, 3, 4), dt.date(1991, 4, 3))
    assert not is_day_month_swap(dt.date(1990, 3, 3), dt.date(1990, 3, 3))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("(312) 555-0100", "+13125550100"),
        ("312.555.0100", "+13125550100"),
        ("+1 312 555 0100", "+13125550100"),
        ("+380 44 123 4567", "+380441234567"),
        ("000-000-0000", None),
        ("123-456-7890", None),
        ("12", None),
        ("", None),
    ],
)
def test_phones_become_e164_and_placeholders_vanish(raw, expected):
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("John.Doe+parole@GMAIL.com", "johndoe@gmail.com"),
        ("j.doe@example.org", "j.doe@example.org"),
        ("not-an-email", None),
    ],
)
def test_emails_are_normalised(raw, expected):
    assert normalise_email(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("999.1.1.1", None),
    ],
)
def test_ip_addresses_are_canonical(raw, expected):
    assert normalise_ip(raw) == expected


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("123 North Main Street Apt 4B, Springfield, IL 62704",
         "123 N Main St. #4b, Springfield IL 62704-1234"),
        ("1600 Pennsylvania Avenue NW, Washington, DC 20500",
         "1600 Pennsylvania Ave. Northwest, Washington DC 20500"),
    ],
)  # fmt: skip
def test_written_variants_of_one_address_share_building_and_unit(left, right):
    assert address_keys(left) == address_keys(right)


def test_apartments_share_the_building_key_but_not_the_unit_key():
    first = address_keys("12 Oak Road Apt 1, Austin, TX 78701")
    second = address_keys("12 Oak Road Apt 2, Austin, TX 78701")
    assert first.building == second.building
    assert first.unit != second.unit


@pytest.mark.parametrize("raw", ["Main street", "", None])
def test_addresses_without_number_or_place_have_no_key(raw):
    assert address_keys(raw) is None


@pytest.mark.parametrize(
    ("raw", "problems"),
    [
        ("123-45-6789", ("placeholder",)),
        ("000-12-3456", ("area_never_issued",)),
        ("666-12-3456", ("area_never_issued",)),
        ("912-12-3456", ("area_never_issued",)),
        ("123-00-4567", ("group_00",)),
        ("123-45-0000", ("serial_0000",)),
        ("219-09-9998", ()),
        ("12345", ("not_nine_digits",)),
    ],
)
def test_ssn_structure_rules(raw, problems):
    assert check_ssn(raw).problems == problems


def test_bank_accounts_hash_equal_when_written_differently_and_differ_by_key():
    account = normalise_bank_account("021000021 - 1234 5678")
    assert hash_identifier(account, key=b"k" * 32) == hash_identifier(
        normalise_bank_account("0210000211234-5678"), key=b"k" * 32
    )
    assert hash_identifier(account, key=b"k" * 32) != hash_identifier(account, key=b"j" * 32)
    assert normalise_bank_account("0000") is None


STORY = (
    "My brother and his wife fled the war in Kharkiv and I can house them in my apartment "
    "in Chicago for two years while they look for work. I am a welder with a steady income, "
    "my employer will help with health insurance, and our church has promised furniture and "
    "English classes for the whole family."
)


def test_short_generic_answers_are_not_evidence():
    assert exact_fingerprint("Family reunification.") is None
    groups = near_duplicate_groups([("a", "Family reunification."), ("b", "Family reunification.")])
    assert groups == {}


def test_verbatim_and_near_verbatim_narratives_share_a_group():
    texts = [("a", STORY), ("b", STORY.upper() + "!"), ("c", STORY.replace("two", "2"))]
    other = "My sister is a nurse who lost her home in Mariupol; I will support her with my pay."
    groups = near_duplicate_groups([*texts, ("d", other)])
    assert groups["a"] == groups["b"] == groups["c"]
    assert "d" not in groups


def test_features_of_repeated_values_equal_features_of_each_row_alone():
    columns = {
        "given_name": ["Олена", "Olena", "Olena", None, "", "  Mohammed "],
        "family_name": ["Коваленко", "Kovalenko", "Kovalenko", "García López", None, "al-Amin"],
        "birth_date": ["2012-05-04", "04.05.2012", "2012-05-04", None, "bad", "05/04/2012"],
        "ssn": ["123-45-6789", "219-09-9998", "219-09-9998", "", None, "078-05-1121"],
        "address": ["12 Oak Road Apt 3", "12 Oak Rd #3", "12 Oak Road Apt 3", None, "", "PO Box 7"],
        "city": ["Austin", "Austin", None, "Austin", None, None],
        "postcode": ["78701", "78701", "78701", None, None, "78701"],
    }
    together = person_features(columns).drop_columns(["unique_id"]).to_pylist()
    alone = [
        person_features({field: [values[row]] for field, values in columns.items()})
        .drop_columns(["unique_id"])
        .to_pylist()[0]
        for row in range(6)
    ]
    assert together == alone
    assert together[1]["address_unit"] == together[0]["address_unit"]
    arrow = {field: pa.array(values, pa.string()) for field, values in columns.items()}
    assert person_features(arrow).drop_columns(["unique_id"]).to_pylist() == together


def test_features_normalised_by_worker_processes_equal_those_of_one_process(monkeypatch):
    records, _ = generate_people(1500, seed=5)
    columns = {f: [r[f] for r in records] for f in PERSON_FIELDS if f != "record_id"}
    alone = person_features(columns)
    monkeypatch.setattr(features, "PARALLEL_MIN_ROWS", 100)
    monkeypatch.setattr(features.os, "cpu_count", lambda: 2)
    assert person_features(columns).equals(alone)


def test_bulk_narrative_words_and_signatures_equal_those_of_each_text_alone():
    texts = [STORY, "Моя сестра Олена — медсестра, вона втратила дім у Маріуполі; я підтримаю її.",  # noqa: RUF001
             "  Café-owner's   niece: ¡hola! 42 rooms ", "", "Family reunification."]  # fmt: skip
    words = narratives._token_lists(pa.array(texts)).to_pylist()
    assert [w if w != [""] else [] for w in words] == [narrative_tokens(t) for t in texts]
    documents = [narrative_tokens(t) for t in texts[:3]]
    alone = [minhash_signature(d) for d in documents]
    assert (narratives.minhash_signatures(documents) == alone).all()


def test_narrative_groups_by_row_match_the_record_id_view():
    rows = [STORY, None, STORY.upper() + "!", "Family reunification.", STORY.replace("two", "2")]
    groups = narrative_groups(rows).to_pylist()
    assert groups[0] == groups[2] == groups[4] == exact_fingerprint(STORY)
    assert groups[1] is None and groups[3] is None
