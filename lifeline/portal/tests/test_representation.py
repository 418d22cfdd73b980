"""Representatives: consent given and withdrawn by the client, filing on the client's behalf."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from lifeline.accounts.models import RepresentationConsent
from lifeline.audit.models import AuditEvent
from lifeline.intake.models import ParoleRequest
from lifeline.portal.tests.flows import make_account, post_steps, request_answers, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel("2026-11-02 12:00Z", tick=False):
        yield


def test_a_client_consents_and_withdraws_consent_both_audited() -> None:
    client_user = make_account("beneficiary")
    representative = make_account("representative", email="attorney@law.example")
    client = signed_in(client_user)
    response = client.post(
        "/representatives/", {"representative": "attorney@law.example", "attest": "on"}
    )
    assert response.status_code == 302
    consent = RepresentationConsent.objects.get()
    assert (consent.representative, consent.client) == (representative, client_user)
    client.post(f"/representatives/{consent.pk}/revoke/")
    consent.refresh_from_db()
    assert consent.revoked_at is not None
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["consent.granted", "consent.revoked"]


def test_consent_to_someone_who_is_not_a_representative_is_refused() -> None:
    make_account("supporter", email="friend@example.org")
    response = signed_in(make_account("beneficiary")).post(
        "/representatives/", {"representative": "friend@example.org", "attest": "on"}
    )
    assert response.status_code == 400
    assert RepresentationConsent.objects.count() == 0


def test_a_representative_files_for_a_consenting_client_audited_on_their_behalf() -> None:
    client_user = make_account("beneficiary")
    representative = make_account("representative")
    signed_in(client_user).post(
        "/representatives/", {"representative": representative.email, "attest": "on"}
    )
    rep = signed_in(representative)
    assert client_user.username in rep.get("/clients/").content.decode()
    rep.get(f"/requests/new/?client={client_user.pk}&restart=1")
    post_steps(rep, "/requests/new/", request_answers([]), query=f"?client={client_user.pk}")
    created = ParoleRequest.objects.get()
    assert (created.filed_by, created.representative) == (client_user, representative)
    event = AuditEvent.objects.get(action="request.created")
    assert (event.actor_id, event.on_behalf_of_id) == (representative.pk, client_user.pk)
    assert created.reference in signed_in(client_user).get("/dashboard/").content.decode()


def test_a_representative_without_consent_cannot_file_for_someone() -> None:
    stranger = make_account("beneficiary")
    response = signed_in(make_account("representative")).get(
        f"/requests/new/beneficiary/?client={stranger.pk}"
    )
    assert response.status_code == 404


def test_after_consent_is_withdrawn_the_representative_loses_access() -> None:
    client_user = make_account("beneficiary")
    representative = make_account("representative")
    client = signed_in(client_user)
    client.post("/representatives/", {"representative": representative.username, "attest": "on"})
    consent = RepresentationConsent.objects.get()
    client.post(f"/representatives/{consent.pk}/revoke/")
    assert client_user.username not in signed_in(representative).get("/clients/").content.decode()
