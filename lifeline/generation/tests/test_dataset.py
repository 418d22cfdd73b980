"""The pure generator: deterministic, valid documents in open windows, families, rings, truth."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter

import pytest

from lifeline.core.errors import ValidationFailed
from lifeline.generation.dataset import Dataset, GenerationOptions, generate_dataset
from lifeline.generation.output import write_documents
from lifeline.generation.truth import build_truth, truth_csv
from lifeline.programs.documents import RequestDocument
from lifeline.programs.registry import get_registry

LAST_FILING_ON = dt.date(2026, 11, 1)
OPTIONS = GenerationOptions(
    requests=1500, seed=11, last_filing_on=LAST_FILING_ON, duplicate_share=0.06, fraud_share=0.1
)


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return generate_dataset(OPTIONS, get_registry())


def _digits(value: str) -> str:
    return "".join(char for char in value if char.isdigit())[-10:]


def test_the_same_seed_gives_the_same_files_and_another_seed_does_not(tmp_path) -> None:
    small = GenerationOptions(requests=120, seed=5, last_filing_on=LAST_FILING_ON)
    for name, options in (
        ("a", small),
        ("b", small),
        ("c", GenerationOptions(requests=120, seed=6, last_filing_on=LAST_FILING_ON)),
    ):
        write_documents(generate_dataset(options, get_registry()), tmp_path / name)
    first, second, other = ((tmp_path / n / "requests.jsonl").read_text() for n in "abc")
    assert first == second
    assert first != other
    assert (tmp_path / "a" / "declarations.jsonl").read_text() == (
        tmp_path / "b" / "declarations.jsonl"
    ).read_text()


def test_it_makes_exactly_the_requests_asked_for(dataset: Dataset) -> None:
    assert len(dataset.requests) == OPTIONS.requests
    assert len({r.record_id for r in dataset.requests}) == OPTIONS.requests
    backed = sum(len(r.declarations) for r in dataset.requests)
    assert backed == len(dataset.declarations) > 0


def test_every_document_validates_and_is_filed_inside_an_open_window(dataset: Dataset) -> None:
    registry = get_registry()
    for request in dataset.requests:
        document = RequestDocument.model_validate(request.document.model_dump(mode="json"))
        assert any(
            w.kind == document.kind and w.from_on <= document.postmarked_on <= w.until_on
            for w in dataset.windows[document.program]
        )
        version = registry.version_for_filing(document.program, document.postmarked_on)
        assert version.intake_on(document.postmarked_on, document.kind).status == "open"
        assert document.postmarked_on <= LAST_FILING_ON


def test_every_program_and_population_appears(dataset: Dataset) -> None:
    programs = Counter(r.document.program for r in dataset.requests)
    assert set(programs) == set(get_registry().programs())
    populations = {dataset.humans[r.beneficiary_entity].population for r in dataset.requests}
    assert {
        "ukrainian",
        "russian",
        "cuban",
        "haitian",
        "venezuelan",
        "nicaraguan",
        "afghan",
        "central_american",
    } <= populations


def test_original_script_is_kept_beside_the_passport_spelling(dataset: Dataset) -> None:
    for request in dataset.requests:
        person = request.document.beneficiary
        population = dataset.humans[request.beneficiary_entity].population
        if population in {"ukrainian", "russian"}:
            assert any("\u0400" <= char <= "\u04ff" for char in person.family_name_native)
        if population == "afghan":
            assert any("\u0600" <= char <= "\u06ff" for char in person.given_name_native)
        assert person.family_name.isascii() or population not in {"ukrainian", "russian"}


@pytest.mark.parametrize("kind", ["twins", "siblings"])
def test_siblings_and_twins_share_surname_address_and_phone(dataset: Dataset, kind: str) -> None:
    cases = [case for case in dataset.hard_cases if case.kind == kind]
    assert cases
    for case in cases:
        people = [dataset.humans[entity] for entity in case.entity_ids]
        assert len({p.lineage for p in people}) == 1
        assert len({p.address for p in people}) == 1
        assert len({p.phone for p in people}) == 1
        assert len({p.given.latin for p in people}) == len(people)
        if kind == "twins":
            assert len({p.birth_date for p in people}) == 1


def test_a_household_lives_at_one_address_and_minors_travel_with_a_parent(
    dataset: Dataset,
) -> None:
    by_record = {r.record_id: r for r in dataset.requests}
    households: dict[str, set[str]] = {}
    for request in dataset.requests:
        households.setdefault(request.household_id, set()).add(request.beneficiary_address)
        if request.companion_record:
            parent = by_record[request.companion_record]
            assert request.document.travelling_with is not None
            assert parent.household_id == request.household_id
            assert parent.record_id < request.record_id
    assert all(len(addresses) == 1 for addresses in households.values())


def test_duplicates_refile_an_earlier_person_with_the_configured_share(dataset: Dataset) -> None:
    by_record = {r.record_id: r for r in dataset.requests}
    duplicates = [r for r in dataset.requests if r.duplicate_of]
    assert len(duplicates) == round(OPTIONS.requests * OPTIONS.duplicate_share)
    for duplicate in duplicates:
        original = by_record[duplicate.duplicate_of]
        assert duplicate.beneficiary_entity == original.beneficiary_entity
        before, after = original.document.beneficiary, duplicate.document.beneficiary
        if "day_month_swap" in duplicate.variations:
            assert (after.birth_date.day, after.birth_date.month) == (
                before.birth_date.month,
                before.birth_date.day,
            )
        if not duplicate.variations:
            assert (after.given_name, after.family_name, after.birth_date) == (
                before.given_name,
                before.family_name,
                before.birth_date,
            )
    assert Counter(v for d in duplicates for v in d.variations).keys() >= {
        "transliteration",
        "day_month_swap",
        "typo",
    }


def test_rings_cover_the_configured_share_with_every_pattern(dataset: Dataset) -> None:
    involved = {record for ring in dataset.rings for record in ring.records}
    wanted = round(OPTIONS.requests * OPTIONS.fraud_share)
    assert abs(len(involved) - wanted) <= max(5, wanted // 10)
    patterns = {ring.pattern for ring in dataset.rings}
    assert patterns == {
        "serial_sponsor",
        "shared_phone",
        "shared_address",
        "shared_ssn",
        "reused_narrative",
    }


def test_each_ring_shares_what_its_pattern_says(dataset: Dataset) -> None:
    by_record = {r.record_id: r for r in dataset.requests}
    for ring in dataset.rings:
        requests = [by_record[record] for record in ring.records]
        supporters = [
            r.document.supporters[0].person for r in requests if ring.pattern != "reused_narrative"
        ]
        if ring.pattern == "serial_sponsor":
            assert len(requests) >= 25
            assert {r.supporter_entities[0] for r in requests} == {ring.shared["supporter_entity"]}
        elif ring.pattern == "shared_phone":
            assert {_digits(p.phone) for p in supporters} == {_digits(ring.shared["phone"])}
            assert len(set(ring.sponsors)) > 1
        elif ring.pattern == "shared_ssn":
            assert {_digits(p.ssn) for p in supporters} == {ring.shared["ssn"][-10:]}
            assert len({(p.given_name, p.family_name) for p in supporters}) > 1
        elif ring.pattern == "shared_address":
            assert all(
                a.startswith(ring.shared["address"].split(",")[0])
                for r in requests
                for a in r.supporter_addresses
            )
        else:
            verbatim = [r for r in requests if r.document.narrative == ring.shared["narrative"]]
            assert len(verbatim) >= len(requests) // 2


def test_the_truth_matches_the_records(dataset: Dataset) -> None:
    truth = build_truth(dataset)
    records = {r["record_id"] for r in truth["requests"]}
    assert records == {r.record_id for r in dataset.requests}
    assert {d["record_id"] for d in truth["declarations"]} == {
        d.record_id for d in dataset.declarations
    }
    entities = set(dataset.humans)
    for cluster in truth["duplicate_clusters"]:
        assert set(cluster["requests"]) <= records and cluster["entity_id"] in entities
    for ring in truth["rings"]:
        assert set(ring["requests"]) <= records
    for case in truth["hard_negatives"]:
        assert set(case["entity_ids"]) <= entities
    duplicates = sum(len(c["variations"]) for c in truth["duplicate_clusters"])
    assert duplicates == sum(1 for r in dataset.requests if r.duplicate_of)
    rows = list(csv.DictReader(io.StringIO(truth_csv(truth))))
    assert {row["record_id"] for row in rows if row["record_kind"] == "request"} == records


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"requests": -1}, "--requests"),
        ({"fraud_share": 0.9}, "--fraud-share"),
        ({"duplicate_share": -0.1}, "--duplicate-share"),
        ({"programs": ("nowhere",)}, "Unknown program nowhere"),
        ({"last_filing_on": dt.date(2010, 1, 1)}, "No chosen program was open"),
    ],
)
def test_bad_options_are_refused_with_a_clear_message(changes: dict, message: str) -> None:
    options = GenerationOptions(
        **{"requests": 10, "seed": 1, "last_filing_on": LAST_FILING_ON, **changes}
    )
    with pytest.raises(ValidationFailed, match=message):
        generate_dataset(options, get_registry())
