"""The flag store end to end: a full screen, the case page, sign-off, decisions, identities."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from lifeline.accounts.enums import UserRole
from lifeline.adjudication import services as adjudication
from lifeline.audit.models import AuditEvent
from lifeline.core.errors import PermissionDenied, ValidationFailed
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest
from lifeline.intake.tests.factories import make_user, person_document
from lifeline.integrity.identity.services import merge_identities, split_identity
from lifeline.integrity.models import (
    FlagStatus,
    IdentityMembership,
    IntegrityFlag,
    ResolvedIdentity,
    Ring,
)
from lifeline.integrity.screening.batch import screen_all_forms
from lifeline.integrity.selectors import list_flag_counts_by_program, list_open_flags_for_request
from lifeline.integrity.services import FlagDraft, decide_flag, raise_flags
from lifeline.integrity.tests.test_screening import (
    FAMILY_NAMES,
    GIVEN_NAMES,
    declare,
    supporter_document,
)
from lifeline.triage.services import assign_next_case
from lifeline.triage.tests.scenario import (
    GENERAL_RUBRIC,
    RATIONALE,
    complete_the_file,
    officer,
    submitted_request,
    taken_request,
)

pytestmark = pytest.mark.django_db
REUSED = (
    "My cousin lost her home in the shelling and needs a safe place to stay with us "
    "while her children finish school and recover."
)


def reused_narrative_requests(
    capture: Any, families: list[str] = FAMILY_NAMES[:3]
) -> list[ParoleRequest]:
    """Requests from unrelated families telling the same story word for word."""
    requests = []
    for family in families:
        with capture(execute=True):
            requests.append(
                submitted_request(
                    beneficiary=person_document(family_name=family, family_name_native=""),
                    narrative=REUSED,
                )
            )
    return requests


def test_a_reused_narrative_flags_each_request_and_reaches_the_case_page_and_sign_off(
    django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The blind second review draw hashes the random reference (1 in 20 for general parole);
    # this test is about sign-off, so the case is not drawn.
    monkeypatch.setattr(adjudication, "is_sampled_for_second_review", lambda request, share: False)
    requests = reused_narrative_requests(django_capture_on_commit_callbacks, FAMILY_NAMES[:2])
    assert list_open_flags_for_request(requests[0]) == []  # two households: not yet evidence
    requests += reused_narrative_requests(django_capture_on_commit_callbacks, FAMILY_NAMES[2:3])
    [flag] = list_open_flags_for_request(requests[0])
    assert flag["code"] == "NARRATIVE_REUSED" and "answer" in flag["description"]
    assert flag["url"] == f"/integrity/flags/{flag['id']}/"
    alice = officer()
    case = assign_next_case(officer=alice)
    assert case is not None
    client = Client()
    client.force_login(alice)
    page = client.get(f"/workspace/cases/{case.request.reference}/")
    assert page.status_code == 200 and b"NARRATIVE_REUSED" in page.content
    request = complete_the_file(ParoleRequest.objects.get(pk=case.request_id))
    decision = adjudication.record_decision(
        officer=alice, request_id=request.pk, expected_version=request.version,
        outcome="approve", reason_codes=["approve_urgent_humanitarian"],
        rubric_scores=GENERAL_RUBRIC, rationale=RATIONALE,
    )  # fmt: skip
    assert "open_integrity_flag" in decision.signoff_reasons
    request.refresh_from_db()
    assert request.status == RequestStatus.DECISION_PENDING_SIGNOFF  # nothing denied


def test_counts_by_program_give_the_flagged_share(django_capture_on_commit_callbacks: Any) -> None:
    reused_narrative_requests(django_capture_on_commit_callbacks)
    submitted_request(narrative="A different story entirely, told in the family's own words.")
    counts = list_flag_counts_by_program()["general"]
    assert counts["open"] == 3 and counts["requests"] == 4
    assert counts["flagged_request_share"] == 0.75


def test_confirm_and_dismiss_need_an_analyst_and_a_reason_and_are_audited(
    django_capture_on_commit_callbacks: Any,
) -> None:
    reused_narrative_requests(django_capture_on_commit_callbacks)
    first, second = IntegrityFlag.objects.order_by("pk")[:2]
    analyst = make_user(UserRole.INTEGRITY_ANALYST)
    with pytest.raises(PermissionDenied):
        decide_flag(actor=officer(), flag_id=first.pk, confirm=True, reason="Looks like a ring.")
    with pytest.raises(ValidationFailed):
        decide_flag(actor=analyst, flag_id=first.pk, confirm=True, reason="short")
    decide_flag(actor=analyst, flag_id=first.pk, confirm=True, reason="Same text on three files.")
    decide_flag(
        actor=analyst, flag_id=second.pk, confirm=False, reason="A template from legal aid."
    )
    first.refresh_from_db()
    assert first.status == FlagStatus.CONFIRMED and first.decided_by == analyst
    events = AuditEvent.objects.filter(
        stream__in=[f"integrity:{first.pk}", f"integrity:{second.pk}"]
    )
    assert sorted(e.action for e in events) == [
        "integrity.flag_confirmed",
        "integrity.flag_dismissed",
    ]
    with pytest.raises(ValidationFailed):
        decide_flag(actor=analyst, flag_id=first.pk, confirm=False, reason="Changed my mind now.")


def test_the_full_screen_builds_rings_keeps_decisions_and_is_idempotent(
    django_capture_on_commit_callbacks: Any,
) -> None:
    for n, family in enumerate(FAMILY_NAMES[:5]):
        declare(
            django_capture_on_commit_callbacks,
            supporter_document(
                GIVEN_NAMES[n], family, birth=f"19{60 + n}-0{n + 1}-1{n}", phone="(786) 555-0199"
            ),
            address=f"{len(family)} Ocean Dr, Miami, FL 33139",
        )
    IntegrityFlag.objects.all().delete()  # as if the forms arrived while no worker ran
    ResolvedIdentity.objects.all().delete()
    summary = screen_all_forms()
    assert summary.forms == 5 and summary.rings == 1 and summary.flags_raised == 5
    assert summary.identities == 5 and IdentityMembership.objects.count() == 5
    ring = Ring.objects.get(is_current=True)
    assert ring.members.count() == 5 and ring.evidence[0]["rule"] == "SHARED_PHONE"
    assert set(IntegrityFlag.objects.values_list("ring", flat=True)) == {ring.pk}
    flag = IntegrityFlag.objects.first()
    assert flag is not None
    decide_flag(
        actor=make_user(UserRole.INTEGRITY_ANALYST), flag_id=flag.pk, confirm=False,
        reason="A church phone line we know.",
    )  # fmt: skip
    again = screen_all_forms()
    assert again.flags_raised == 0 and again.flags_withdrawn == 0
    assert IntegrityFlag.objects.filter(status=FlagStatus.OPEN).count() == 4
    assert Ring.objects.filter(is_current=True).count() == 1


def test_a_big_family_at_one_address_makes_no_ring_in_the_full_screen(
    django_capture_on_commit_callbacks: Any,
) -> None:
    for given in ["Anna", "Boris", "Carmen", "Dmytro", "Elena", "Farid", "Grace"]:
        declare(
            django_capture_on_commit_callbacks,
            supporter_document(given, "Moroz", phone="+1 305 555 2233"),
            address="12 Palm Ave, Miami, FL 33101",
        )
    summary = screen_all_forms()
    assert summary.rings == 0 and not IntegrityFlag.objects.exists()


def test_merge_and_split_of_resolved_identities_are_audited_and_kept(
    django_capture_on_commit_callbacks: Any,
) -> None:
    one = declare(django_capture_on_commit_callbacks, supporter_document("Oleksandr", "Shevchenko"))
    two = declare(django_capture_on_commit_callbacks, supporter_document("Sasha", "Shevchenko"))
    identities = [IdentityMembership.objects.get(person=d.supporter).identity for d in (one, two)]
    assert identities[0] != identities[1]
    analyst = make_user(UserRole.INTEGRITY_ANALYST)
    with pytest.raises(ValidationFailed):
        merge_identities(
            actor=analyst, keep_id=identities[0].pk, merge_ids=[identities[1].pk], reason=""
        )
    kept = merge_identities(
        actor=analyst, keep_id=identities[0].pk, merge_ids=[identities[1].pk],
        reason="Sasha is the short form of Oleksandr; same birth date and SSN.",
    )  # fmt: skip
    assert kept.memberships.count() == 2 and ResolvedIdentity.objects.count() == 1
    screen_all_forms()
    assert IdentityMembership.objects.get(person=two.supporter).identity == kept  # pinned
    target = split_identity(
        actor=analyst, identity_id=kept.pk, person_ids=[two.supporter_id],
        reason="Different people after all: brothers.",
    )  # fmt: skip
    assert IdentityMembership.objects.get(person=two.supporter).identity == target
    actions = set(
        AuditEvent.objects.filter(subject_type="resolved_identity").values_list("action", flat=True)
    )
    assert actions == {"identity.merged", "identity.split", "identity.split_off"}


def test_the_screen_command_reports_what_it_built(
    django_capture_on_commit_callbacks: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    reused_narrative_requests(django_capture_on_commit_callbacks)
    call_command("integrity", "screen")
    printed = capsys.readouterr().err
    assert "3 forms" in printed and "1 rings" in printed and "0 flags raised" in printed


def test_an_over_pledging_flag_informs_the_officer_without_holding_the_approval() -> None:
    alice = officer()
    request = taken_request(alice)
    raise_flags(
        [
            FlagDraft(
                rule_code="OVER_PLEDGED", subject_key=f"request:{request.pk}", program="general",
                score=0.4, version="test", request_id=request.pk,
            )
        ]
    )  # fmt: skip
    [flag] = list_open_flags_for_request(request)
    assert flag["code"] == "OVER_PLEDGED" and flag["requires_supervisor_signoff"] is False
    decision = adjudication.record_decision(
        officer=alice, request_id=request.pk, expected_version=request.version,
        outcome="approve", reason_codes=["approve_urgent_humanitarian"],
        rubric_scores=GENERAL_RUBRIC, rationale=RATIONALE,
    )  # fmt: skip
    assert "open_integrity_flag" not in decision.signoff_reasons
