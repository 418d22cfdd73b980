"""Integrity pages through the test client: who may see them, decisions, rings, identities."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from lifeline.accounts.enums import UserRole
from lifeline.audit.models import AuditEvent
from lifeline.intake.tests.factories import make_user
from lifeline.integrity.models import FlagStatus, IdentityMembership, IntegrityFlag, Ring
from lifeline.integrity.screening.batch import screen_all_forms
from lifeline.integrity.tests.test_flags import reused_narrative_requests
from lifeline.integrity.tests.test_screening import (
    FAMILY_NAMES,
    GIVEN_NAMES,
    declare,
    supporter_document,
)

pytestmark = pytest.mark.django_db


def web(role: str) -> Client:
    client = Client()
    client.force_login(make_user(role))
    return client


@pytest.fixture
def ring(django_capture_on_commit_callbacks: Any) -> Ring:
    """Five unrelated supporters on one phone, screened in full."""
    for n, family in enumerate(FAMILY_NAMES[:5]):
        declare(
            django_capture_on_commit_callbacks,
            supporter_document(
                GIVEN_NAMES[n], family, birth=f"19{60 + n}-0{n + 1}-1{n}", phone="(786) 555-0199"
            ),
        )
    screen_all_forms()
    return Ring.objects.get(is_current=True)


@pytest.mark.parametrize("role", [UserRole.OFFICER, UserRole.BENEFICIARY, UserRole.AUDITOR])
def test_other_roles_get_403_and_strangers_are_sent_to_sign_in(ring: Ring, role: str) -> None:
    flag = IntegrityFlag.objects.first()
    assert flag is not None
    client = web(role)
    for url in ["/integrity/", f"/integrity/flags/{flag.pk}/", f"/integrity/rings/{ring.pk}/"]:
        assert client.get(url).status_code == 403
    assert (
        client.post(f"/integrity/flags/{flag.pk}/decide/", {"decision": "confirm"}).status_code
        == 403
    )
    assert Client().get("/integrity/").status_code == 302


def test_the_queue_filters_and_orders_by_score(ring: Ring) -> None:
    client = web(UserRole.INTEGRITY_ANALYST)
    page = client.get(
        "/integrity/", {"rule": "SHARED_PHONE", "status": "open", "program": "general"}
    )
    assert page.status_code == 200 and page.content.count(b"SHARED_PHONE</strong>") == 5
    assert b"No flag matches" in client.get("/integrity/", {"rule": "SERIAL_SPONSOR"}).content
    assert b"No flag matches" in client.get("/integrity/", {"program": "u4u"}).content
    assert client.get("/integrity/", {"rule": "<script>", "status": "nonsense"}).status_code == 200


def test_an_analyst_confirms_with_a_reason_and_a_supervisor_only_reads(ring: Ring) -> None:
    flag = IntegrityFlag.objects.order_by("pk").first()
    assert flag is not None
    boss = web(UserRole.SUPERVISOR)
    page = boss.get(f"/integrity/flags/{flag.pk}/")
    assert page.status_code == 200 and b"record-flag-decision" not in page.content
    assert boss.post(f"/integrity/flags/{flag.pk}/decide/", {"decision": "confirm",
                     "reason": "Supervisors cannot decide."}).status_code == 403  # fmt: skip
    analyst = web(UserRole.INTEGRITY_ANALYST)
    refused = analyst.post(f"/integrity/flags/{flag.pk}/decide/", {"decision": "confirm"})
    assert refused.status_code == 400 and b"usa-error-message" in refused.content
    done = analyst.post(
        f"/integrity/flags/{flag.pk}/decide/",
        {"decision": "confirm", "reason": "Five strangers on one phone line."},
    )
    assert done.status_code == 302
    flag.refresh_from_db()
    assert flag.status == FlagStatus.CONFIRMED
    assert AuditEvent.objects.filter(stream=f"integrity:{flag.pk}").count() == 1
    assert analyst.get("/integrity/flags/999999/").status_code == 404


def test_the_ring_page_draws_every_node_and_lists_it_beside_the_picture(ring: Ring) -> None:
    page = web(UserRole.INTEGRITY_ANALYST).get(f"/integrity/rings/{ring.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and 'role="img"' in html
    assert html.count("<rect") == 11  # one phone, five supporters, five beneficiaries
    assert html.count("<line") == 10
    assert "+17865550199" in html and 'id="ring-edges"' in html


def test_merge_and_split_through_the_identity_page(ring: Ring) -> None:
    people = [m.person_id for m in IdentityMembership.objects.order_by("person_id")]
    first = IdentityMembership.objects.get(person_id=people[0]).identity
    second = IdentityMembership.objects.get(person_id=people[1]).identity
    analyst = web(UserRole.INTEGRITY_ANALYST)
    assert analyst.get(f"/integrity/identities/{first.pk}/").status_code == 200
    bad = analyst.post(f"/integrity/identities/{first.pk}/merge/", {"merge-other": second.pk})
    assert bad.status_code == 400
    merged = analyst.post(
        f"/integrity/identities/{first.pk}/merge/",
        {"merge-other": second.pk, "merge-reason": "Same person, two spellings."},
    )
    assert merged.status_code == 302 and first.memberships.count() == 2
    split = analyst.post(
        f"/integrity/identities/{first.pk}/split/",
        {"split-people": [people[1]], "split-reason": "Brothers, not one person."},
    )
    assert split.status_code == 302 and first.memberships.count() == 1
    assert (
        web(UserRole.SUPERVISOR)
        .post(f"/integrity/identities/{first.pk}/split/", {"split-people": [people[0]]})
        .status_code
        == 403
    )


def test_a_flag_names_its_case_and_links_it_for_supervisors_only(
    django_capture_on_commit_callbacks: Any,
) -> None:
    [request, *_] = reused_narrative_requests(django_capture_on_commit_callbacks)
    flag = IntegrityFlag.objects.get(request=request)
    analyst_page = web(UserRole.INTEGRITY_ANALYST).get(f"/integrity/flags/{flag.pk}/").content
    supervisor_page = web(UserRole.SUPERVISOR).get(f"/integrity/flags/{flag.pk}/").content
    link = f"/workspace/cases/{request.reference}/".encode()
    assert request.reference.encode() in analyst_page and link not in analyst_page
    assert link in supervisor_page


def test_each_queue_row_names_the_supporter_or_the_case_it_is_about(ring: Ring) -> None:
    page = web(UserRole.INTEGRITY_ANALYST).get("/integrity/").content.decode()
    rows = page.split('id="flag-queue"')[1].split("<tbody>")[1].split("</tbody>")[0]
    for flag in IntegrityFlag.objects.select_related("declaration__supporter"):
        assert flag.declaration is not None  # the ring's flags are about supporters' forms
        assert str(flag.declaration.supporter) in rows
        assert flag.declaration.reference in rows
    assert "Case or supporter" in page
