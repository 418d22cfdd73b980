"""On PostgreSQL, eight officers taking the next case at once never get the same case."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from lifeline.triage.models import CaseTriage
from lifeline.triage.services import assign_next_case
from lifeline.triage.tests.scenario import officer, submitted_request

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_eight_officers_taking_the_next_case_at_once_never_get_the_same_case() -> None:
    requests = [submitted_request() for _ in range(24)]
    officers = [officer() for _ in range(8)]
    start = threading.Barrier(len(officers))
    taken: dict[str, list[int]] = {o.username: [] for o in officers}
    errors: list[BaseException] = []

    def work(me) -> None:  # type: ignore[no-untyped-def]
        try:
            start.wait()
            while (case := assign_next_case(officer=me)) is not None:
                taken[me.username].append(case.request_id)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(o,)) for o in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    every = [request_id for ids in taken.values() for request_id in ids]
    assert sorted(every) == sorted(r.pk for r in requests)  # each case exactly once
    assert sum(1 for ids in taken.values() if ids) > 1  # the work really was shared
    for o in officers:
        assert set(
            CaseTriage.objects.filter(assigned_to=o).values_list("request_id", flat=True)
        ) == set(taken[o.username])
