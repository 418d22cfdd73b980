"""The operations pages through the test client: access per role, filters, exports, bad input."""

from __future__ import annotations

import csv
import io

import pyarrow.parquet as pq
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from lifeline.accounts.enums import UserRole
from lifeline.analytics.models import OperationsSnapshot
from lifeline.analytics.operations import dashboard
from lifeline.analytics.operations import views as operations_views
from lifeline.analytics.operations.dashboard import DashboardFilters
from lifeline.analytics.operations.summaries import refresh_operations_summaries
from lifeline.analytics.operations.tasks import refresh_operations_summaries_task
from lifeline.analytics.tests.operations_data import build_operations_data
from lifeline.audit.models import AuditEvent
from lifeline.intake.tests.factories import make_user

pytestmark = pytest.mark.django_db
PAGE = reverse("analytics:operations")


@pytest.fixture
def snapshot() -> OperationsSnapshot:
    build_operations_data(size=40)
    return refresh_operations_summaries()


def _client(role: str) -> Client:
    client = Client()
    client.force_login(make_user(role))
    return client


def _export(table: str, file_format: str) -> str:
    return reverse("analytics:export", args=[table, file_format])


@pytest.mark.parametrize("role", [UserRole.SUPERVISOR, UserRole.PROGRAM_ADMINISTRATOR])
def test_supervisors_and_program_administrators_see_every_table(
    snapshot: OperationsSnapshot, role: str
) -> None:
    response = _client(role).get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "As of" in page
    for slug in dashboard.TABLES:
        assert f'id="heading-{slug}"' in page
    assert page.count('<th scope="col">') > 20
    assert 'data-chart="chart-data-backlog"' in page
    assert '<script id="chart-data-backlog" type="application/json">' in page
    assert "vendor/chart.js/chart.umd.min.js" in page and "analytics/charts.js" in page


@pytest.mark.parametrize(
    "role",
    [UserRole.OFFICER, UserRole.AUDITOR, UserRole.INTEGRITY_ANALYST, UserRole.BENEFICIARY],
)
def test_other_roles_get_a_clear_403(snapshot: OperationsSnapshot, role: str) -> None:
    client = _client(role)
    for url in (PAGE, _export("backlog", "csv")):
        response = client.get(url)
        assert response.status_code == 403
        assert "supervisors and program administrators only" in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(snapshot: OperationsSnapshot) -> None:
    response = Client().get(PAGE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_before_the_first_refresh_the_page_says_how_to_compute_the_summaries() -> None:
    response = _client(UserRole.SUPERVISOR).get(PAGE)
    assert response.status_code == 200
    assert "lifeline analytics refresh" in response.content.decode()
    export = _client(UserRole.SUPERVISOR).get(_export("backlog", "csv"))
    assert export.status_code == 409


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"date_from": "2026-13-45"}, "Enter a valid date"),
        ({"date_from": "2026-06-01", "date_to": "2026-01-01"}, "on or before the end date"),
        ({"program": "no-such-program"}, "Select a valid choice"),
        ({"urgency": "<script>"}, "Select a valid choice"),
    ],
)
def test_bad_filters_get_a_clear_message_not_a_500(
    snapshot: OperationsSnapshot, query: dict[str, str], message: str
) -> None:
    client = _client(UserRole.SUPERVISOR)
    response = client.get(PAGE, query)
    assert response.status_code == 400
    assert message in response.content.decode()
    export = client.get(_export("throughput", "csv"), query)
    assert export.status_code == 400 and message in export.content.decode()


def test_filters_reach_the_page_and_the_export_links(snapshot: OperationsSnapshot) -> None:
    response = _client(UserRole.SUPERVISOR).get(PAGE, {"program": "u4u", "urgency": "high"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "program=u4u&amp;urgency=high" in page
    backlog = next(t for t in response.context["tables"] if t.slug == "backlog")
    assert {row[0] for row in backlog.rows} <= {"u4u"}


@pytest.mark.parametrize("slug", list(dashboard.TABLES))
def test_every_table_exports_as_csv_and_parquet_that_read_back(
    snapshot: OperationsSnapshot, slug: str
) -> None:
    client = _client(UserRole.PROGRAM_ADMINISTRATOR)
    table = dashboard.TABLES[slug](snapshot, DashboardFilters(program="general"))
    query = {"program": "general"}

    as_csv = client.get(_export(slug, "csv"), query)
    assert as_csv.status_code == 200
    assert as_csv["Content-Type"] == "text/csv; charset=utf-8"
    assert as_csv["Content-Disposition"].startswith(f'attachment; filename="lifeline-{slug}-')
    assert as_csv["Content-Disposition"].endswith('.csv"')
    header, *rows = list(csv.reader(io.StringIO(as_csv.content.decode())))
    assert tuple(header) == table.columns
    assert rows == [["" if v is None else str(v) for v in row] for row in table.rows]

    as_parquet = client.get(_export(slug, "parquet"), query)
    assert as_parquet.status_code == 200
    assert as_parquet["Content-Type"] == "application/vnd.apache.parquet"
    assert as_parquet["Content-Disposition"].endswith('.parquet"')
    parquet = pq.read_table(io.BytesIO(as_parquet.content))
    assert tuple(parquet.column_names) == table.columns
    assert [tuple(row.values()) for row in parquet.to_pylist()] == table.rows


def test_unknown_tables_and_formats_are_404(snapshot: OperationsSnapshot) -> None:
    client = _client(UserRole.SUPERVISOR)
    assert client.get(_export("no-such-table", "csv")).status_code == 404
    assert client.get(_export("backlog", "xlsx")).status_code == 404


def test_the_refresh_task_computes_a_snapshot(snapshot: OperationsSnapshot) -> None:
    result = refresh_operations_summaries_task.enqueue()
    assert result.return_value["requests"] == snapshot.request_count
    assert OperationsSnapshot.objects.get().pk == result.return_value["snapshot"]


def test_the_refresh_command_reports_what_it_computed(snapshot: OperationsSnapshot) -> None:
    out = io.StringIO()
    call_command("analytics", "refresh", stdout=out)
    assert f"over {snapshot.request_count} submitted requests" in out.getvalue()
    assert OperationsSnapshot.objects.get().pk != snapshot.pk


def test_recompute_now_queues_the_refresh_as_the_person_who_asked(
    snapshot: OperationsSnapshot,
) -> None:
    supervisor = make_user(UserRole.SUPERVISOR)
    client = Client()
    client.force_login(supervisor)
    assert client.get(reverse("analytics:operations_refresh")).status_code == 405
    response = client.post(reverse("analytics:operations_refresh"), follow=True)
    assert response.status_code == 200
    assert "Recomputed at" in response.content.decode()  # done: the figures are the new ones
    assert "Recomputed at" not in client.get(reverse("analytics:operations")).content.decode()
    assert OperationsSnapshot.objects.get().pk != snapshot.pk  # the immediate backend ran it
    event = AuditEvent.objects.filter(action="analytics.summaries_refreshed").latest("id")
    assert event.actor_id == supervisor.pk
    officer = _client(UserRole.OFFICER)
    assert officer.post(reverse("analytics:operations_refresh")).status_code == 403


def test_a_recompute_still_running_is_shown_and_the_page_reloads_when_it_is_done(
    snapshot: OperationsSnapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    queued: list[int] = []

    class QueuedOnly:  # a worker that has not run yet
        @staticmethod
        def enqueue(actor_id: int) -> None:
            queued.append(actor_id)

    monkeypatch.setattr(operations_views, "refresh_operations_summaries_task", QueuedOnly)
    client = _client(UserRole.SUPERVISOR)
    page = client.post(reverse("analytics:operations_refresh"), follow=True).content.decode()
    assert queued and "Recomputing since" in page and 'hx-trigger="every 3s"' in page
    polled = client.get(reverse("analytics:operations"), headers={"HX-Request": "true"})
    assert polled.status_code == 204 and "HX-Refresh" not in polled
    refresh_operations_summaries()
    polled = client.get(reverse("analytics:operations"), headers={"HX-Request": "true"})
    assert polled["HX-Refresh"] == "true"
    assert "Recomputed at" in client.get(reverse("analytics:operations")).content.decode()
