"""On PostgreSQL, two people deciding one case at once: one succeeds, the other gets a conflict."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from lifeline.adjudication import services
from lifeline.adjudication.models import Decision
from lifeline.core.errors import Conflict
from lifeline.intake.enums import RequestStatus
from lifeline.triage.tests.scenario import (
    GENERAL_RUBRIC,
    RATIONALE,
    officer,
    supervisor,
    taken_request,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("sampled", [False, True], ids=["in effect", "to second review"])
def test_two_deciders_at_once_one_succeeds_and_the_other_gets_the_conflict(
    monkeypatch: pytest.MonkeyPatch, sampled: bool
) -> None:
    monkeypatch.setattr(services, "is_sampled_for_second_review", lambda r, s: sampled)
    holder, boss = officer(), supervisor()
    request = taken_request(holder)
    opened_version = request.version
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def decide(who, outcome, codes) -> None:  # type: ignore[no-untyped-def]
        try:
            start.wait()
            services.record_decision(
                officer=who,
                request_id=request.pk,
                expected_version=opened_version,
                outcome=outcome,
                reason_codes=codes,
                rubric_scores=GENERAL_RUBRIC,
                rationale=RATIONALE,
            )
            outcomes[who.username] = "decided"
        except Conflict as conflict:
            outcomes[who.username] = conflict
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(holder, "approve", ["approve_urgent_humanitarian"])),
        threading.Thread(target=decide, args=(boss, "deny", ["deny_no_urgent_reason"])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(str(type(o).__name__) for o in outcomes.values()) == ["StaleVersion", "str"]
    conflict = next(o for o in outcomes.values() if isinstance(o, Conflict))
    assert "someone else" in str(conflict)
    assert Decision.objects.filter(request=request).count() == 1
    request.refresh_from_db()
    assert request.status != RequestStatus.PRESCREENED
