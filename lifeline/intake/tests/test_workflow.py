"""Every (from, to) status pair: allowed moves succeed for their roles, all others are refused."""

from __future__ import annotations

import itertools

import pytest

from lifeline.accounts.enums import UserRole
from lifeline.audit.models import AuditEvent
from lifeline.core.errors import StaleVersion, TransitionNotAllowed
from lifeline.intake import workflow
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import RequestStatusChange
from lifeline.intake.services import transition_request
from lifeline.intake.tests.factories import make_request, make_user

pytestmark = pytest.mark.django_db

ALL_PAIRS = [
    (a, b) for a, b in itertools.product(RequestStatus.values, RequestStatus.values) if a != b
]
ACTORS = [*UserRole.values, workflow.SYSTEM]


def _actor(role: str, request_filer):  # type: ignore[no-untyped-def]
    if role == workflow.SYSTEM:
        return None
    if role in {UserRole.BENEFICIARY, UserRole.SUPPORTER}:
        request_filer.role = role
        request_filer.save(update_fields=["role"])
        return request_filer
    return make_user(role)


@pytest.mark.parametrize(("from_status", "to_status"), ALL_PAIRS)
def test_each_status_pair_is_allowed_only_for_the_roles_in_the_table(
    from_status: str, to_status: str
) -> None:
    allowed = workflow.roles_allowed(from_status, to_status)
    for role in ACTORS:
        if role == UserRole.REPRESENTATIVE:
            continue  # covered by the consent tests
        filer = make_user(UserRole.BENEFICIARY)
        request = make_request(status=from_status, filed_by=filer)
        actor = _actor(role, filer)
        if role in allowed:
            moved = transition_request(request_id=request.pk, to_status=to_status, actor=actor)
            assert moved.status == to_status
            assert moved.version == 2
            change = RequestStatusChange.objects.get(request=request)
            assert (change.from_status, change.to_status, change.actor_role) == (
                from_status,
                to_status,
                role,
            )
            assert AuditEvent.objects.filter(
                stream=f"request:{request.pk}", action=f"request.{to_status}"
            ).exists()
        else:
            with pytest.raises(TransitionNotAllowed):
                transition_request(request_id=request.pk, to_status=to_status, actor=actor)
            request.refresh_from_db()
            assert request.status == from_status
            assert not RequestStatusChange.objects.filter(request=request).exists()


def test_final_statuses_have_no_way_out() -> None:
    for (from_status, _), roles in workflow.TRANSITIONS.items():
        assert from_status not in workflow.FINAL_STATUSES or not roles


def test_a_stale_version_is_refused_with_a_conflict_and_nothing_changes() -> None:
    officer = make_user(UserRole.OFFICER)
    request = make_request(status=RequestStatus.IN_REVIEW)
    with pytest.raises(StaleVersion, match="changed by someone else"):
        transition_request(
            request_id=request.pk,
            to_status=RequestStatus.EVIDENCE_REQUESTED,
            actor=officer,
            expected_version=request.version - 1 if request.version > 1 else 99,
        )
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_REVIEW


def test_a_refused_move_explains_itself_in_plain_words() -> None:
    officer = make_user(UserRole.OFFICER)
    request = make_request(status=RequestStatus.APPROVED)
    with pytest.raises(TransitionNotAllowed) as refused:
        transition_request(request_id=request.pk, to_status=RequestStatus.DENIED, actor=officer)
    assert "approved" in refused.value.message and "denied" in refused.value.message
