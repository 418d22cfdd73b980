"""The arriving-form screen with the full screen's identity snapshot and narrative band keys."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from lifeline.audit.models import AuditEvent
from lifeline.intake.models import ParoleRequest
from lifeline.intake.tests.factories import person_document
from lifeline.integrity.identity import arrival
from lifeline.integrity.identity.keys import person_identity_key
from lifeline.integrity.models import (
    FlagStatus,
    IdentityMembership,
    IdentitySnapshot,
    IntegrityFlag,
    NarrativeSignature,
    ScreeningKey,
)
from lifeline.integrity.normalise import narratives
from lifeline.integrity.screening.arriving import screen_request
from lifeline.integrity.screening.batch import screen_all_forms
from lifeline.integrity.screening.keys import NARRATIVE_BAND, NARRATIVE_BANDS
from lifeline.integrity.tasks import screen_all_forms_task, screen_declaration_task
from lifeline.integrity.tests.test_screening import (
    FAMILY_NAMES,
    GIVEN_NAMES,
    declare,
    supporter_document,
)
from lifeline.supporters.models import SupporterDeclaration
from lifeline.triage.tests.scenario import submitted_request

pytestmark = pytest.mark.django_db
STORY = (
    "My cousin lost her home in the shelling last spring and needs a safe place to stay with us "
    "in Ohio while her two children finish school, see a doctor for their asthma and recover "
    "from what they lived through; we have a spare room, a steady income and a church "
    "community ready to help them settle."
)
RETOLD = STORY.replace("My cousin", "Our cousin").replace("settle.", "settle down.")
PHONE = "+1 305 555 0142"
ADDRESS = "41 Coral Way, Miami, FL 33145"


def identity_of(declaration: SupporterDeclaration) -> int:
    return IdentityMembership.objects.get(person=declaration.supporter).identity_id


def known_population(capture: Any, size: int = 30) -> None:
    """Other supporters the full screen knows: name frequencies as in a real index (with one
    person known, every name is as common as can be and proves nothing)."""
    for n, (given, family) in enumerate(zip(GIVEN_NAMES * 2, FAMILY_NAMES * 4, strict=False)):
        if n == size:
            return
        declare(
            capture, supporter_document(given, family, birth=f"19{60 + n}-0{1 + n % 9}-1{n % 9}")
        )


def open_flags(code: str) -> list[IntegrityFlag]:
    return list(IntegrityFlag.objects.filter(rule_code=code, status=FlagStatus.OPEN))


def test_a_re_filing_under_a_transliteration_counts_towards_the_same_serial_sponsor(
    django_capture_on_commit_callbacks: Any,
) -> None:
    capture = django_capture_on_commit_callbacks
    known_population(capture)
    first = [
        declare(capture, supporter_document("Oleksandr", "Kovalenko", birth="1975-05-12"))
        for _ in range(18)
    ]
    screen_all_forms()
    assert IdentitySnapshot.objects.get().people == 31
    assert AuditEvent.objects.filter(action="integrity.identity_snapshot_written").exists()
    swapped = declare(capture, supporter_document("Aleksandr", "Kovalenko", birth="1975-12-05"))
    assert person_identity_key(swapped.supporter) != person_identity_key(first[0].supporter)
    assert identity_of(swapped) == identity_of(first[0])  # the model's match, not the exact key
    assert open_flags("SERIAL_SPONSOR") == []  # 19 forms
    cyrillic = declare(capture, supporter_document("Олександр", "Коваленко", birth="1975-05-12"))
    flags = open_flags("SERIAL_SPONSOR")
    assert len(flags) == 20 and flags[0].evidence["forms"] == 20
    assert cyrillic.pk in {flag.declaration_id for flag in flags}


def test_siblings_and_twins_sharing_surname_address_and_phone_stay_separate_people(
    django_capture_on_commit_callbacks: Any,
) -> None:
    capture = django_capture_on_commit_callbacks
    known_population(capture)
    anna = declare(
        capture,
        supporter_document("Anna", "Moroz", birth="1980-03-03", phone=PHONE),
        address=ADDRESS,
    )
    screen_all_forms()
    twin = declare(
        capture,
        supporter_document("Iryna", "Moroz", birth="1980-03-03", phone=PHONE),
        address=ADDRESS,
    )
    brother = declare(
        capture,
        supporter_document("Taras", "Moroz", birth="1983-07-21", phone=PHONE),
        address=ADDRESS,
    )
    assert len({identity_of(anna), identity_of(twin), identity_of(brother)}) == 3
    again = declare(capture, supporter_document("Anna", "Moroz", birth="1980-03-03", phone=PHONE))
    assert identity_of(again) == identity_of(anna)


def test_the_batch_withdraws_what_a_misspelling_made_at_arrival_and_says_why(
    django_capture_on_commit_callbacks: Any,
) -> None:
    capture = django_capture_on_commit_callbacks
    known_population(capture)
    for family in FAMILY_NAMES[:3]:
        declare(capture, supporter_document("Rosa", family, phone=PHONE))
    for family in ("Kovalenko", "Kovalenco"):  # one person; no snapshot knows them yet
        declare(capture, supporter_document("Oleksandr", family, birth="1975-05-12", phone=PHONE))
    assert len(open_flags("SHARED_PHONE")) == 5  # the misspelling counted as a fifth household
    summary = screen_all_forms()
    assert open_flags("SHARED_PHONE") == [] and summary.flags_withdrawn >= 5
    event = AuditEvent.objects.get(action="integrity.flags_withdrawn")
    assert event.details["by_rule"]["SHARED_PHONE"] == 5
    assert "threshold" in event.details["reason"]
    assert {f["rule"] for f in event.details["flags"]} >= {"SHARED_PHONE"}
    declare(capture, supporter_document("Oleksandr", "Kovalneko", birth="1975-05-12", phone=PHONE))
    assert open_flags("SHARED_PHONE") == []  # the snapshot knows him: still four households


def test_without_a_matching_snapshot_an_arrival_falls_back_to_the_exact_key(
    django_capture_on_commit_callbacks: Any, settings: Any, tmp_path: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    known_population(capture)
    first = declare(capture, supporter_document("Oleksandr", "Kovalenko", birth="1975-05-12"))
    screen_all_forms()
    settings.LIFELINE_IDENTITY_INDEX_PATH = tmp_path / "another.llix"
    screen_all_forms()  # writes the other file and records its digest...
    (tmp_path / "another.llix").write_bytes(b"LLIX1 not this database's snapshot")
    assert arrival.current_index() is None  # ...so a changed file is never read
    variant = declare(capture, supporter_document("Aleksandr", "Kovalenko", birth="1975-12-05"))
    assert identity_of(variant) != identity_of(first)
    exact = declare(capture, supporter_document("Oleksandr", "Kovalenko", birth="1975-05-12"))
    assert identity_of(exact) == identity_of(first)


def request_with(narrative: str, family: str) -> ParoleRequest:
    return submitted_request(
        beneficiary=person_document(family_name=family, family_name_native=""), narrative=narrative
    )


def test_a_nearly_identical_narrative_from_an_unrelated_family_is_flagged_at_arrival(
    django_capture_on_commit_callbacks: Any,
) -> None:
    requests = []
    for family, text in zip(FAMILY_NAMES[:3], [STORY, STORY, RETOLD], strict=True):
        with django_capture_on_commit_callbacks(execute=True):
            requests.append(request_with(text, family))
        if len(requests) == 2:
            assert open_flags("NARRATIVE_REUSED") == []  # two households: not yet evidence
    flags = open_flags("NARRATIVE_REUSED")
    assert {flag.request_id for flag in flags} == {r.pk for r in requests}
    retold = next(flag for flag in flags if flag.request_id == requests[2].pk)
    assert retold.evidence["households"] == 3 and 0.8 <= retold.evidence["least_similarity"] < 1
    assert set(retold.evidence["sample"]) == {requests[0].reference, requests[1].reference}
    keys = ScreeningKey.objects.filter(request=requests[2], kind=NARRATIVE_BAND)
    assert keys.count() == NARRATIVE_BANDS == narratives._BANDS
    summary = screen_all_forms()  # the batch finds the same group and withdraws nothing
    assert summary.flags_withdrawn == 0
    assert {flag.request_id for flag in open_flags("NARRATIVE_REUSED")} == {r.pk for r in requests}


def test_a_short_generic_phrase_is_never_evidence(django_capture_on_commit_callbacks: Any) -> None:
    for family in FAMILY_NAMES[:5]:
        with django_capture_on_commit_callbacks(execute=True):
            request_with("Family reunification.", family)
    assert open_flags("NARRATIVE_REUSED") == []
    assert not ScreeningKey.objects.filter(kind=NARRATIVE_BAND).exists()
    assert not NarrativeSignature.objects.exists()


def test_the_batch_and_the_arrival_screen_agree_on_a_generated_set(tmp_path: Any) -> None:
    call_command(
        "generate", "--requests", "60", "--seed", "11", "--output", str(tmp_path), verbosity=0
    )  # each form was screened as it arrived
    screen_all_forms()
    after_batch = set(IntegrityFlag.objects.values_list("rule_code", "subject_key", "status"))
    raised = sum(screen_request(pk) for pk in ParoleRequest.objects.values_list("pk", flat=True))
    assert raised == 0  # arrival, given the batch's identities, finds nothing the batch did not
    assert set(IntegrityFlag.objects.values_list("rule_code", "subject_key", "status")) == (
        after_batch
    )
    assert screen_all_forms().flags_withdrawn == 0


def test_every_integrity_task_runs_on_the_integrity_queue_and_the_full_screen_daily(
    settings: Any,
) -> None:
    assert {screen_declaration_task.queue_name, screen_all_forms_task.queue_name} == {"integrity"}
    daily = settings.LIFELINE_SCHEDULED_TASKS["daily"]
    assert "lifeline.integrity.tasks.screen_all_forms_task" in daily
    summary = screen_all_forms_task.enqueue().return_value
    assert summary == {
        "forms": 0, "rings": 0, "flags_raised": 0, "flags_withdrawn": 0, "identities": 0
    }  # fmt: skip
