"""Operations dashboards at scale: the summary refresh and every page over 1,000,000 requests.

Usage: .venv/bin/python bench/analytics_dashboard_bench.py [--requests 1000000] [--repeats 15]
           [--database-url postgres://postgres@127.0.0.1:5432/lifeline_bench_analytics]
           [--reload]

Builds (once; --reload rebuilds) a PostgreSQL database with N requests loaded by INSERT ...
SELECT generate_series: a quarter still open (every open status), the rest decided over two
years, each with its triage row (office, urgency, SLA clock), its decision in effect, a blind
second review for one decision in ten, an evidence request for one request in five, and
monthly and total cap counters. Then times `refresh_operations_summaries()` and, through the
Django test Client signed in as a supervisor, the dashboard page (unfiltered and with each
filter) and CSV and Parquet exports. Prints p50/p95 wall time per page and the median CPU
time of this process and of the PostgreSQL backend serving it (read from /proc when the
server runs on this machine), since the machine may be shared. Target: every page under 1 s.
"""

# The loading SQL is assembled from this file's constants only.
# ruff: noqa: S608
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import time
from pathlib import Path
from typing import Any

from bench_database import open_bench_database  # the script's own folder is on sys.path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/lifeline_bench_analytics"
OFFICERS = 50
PEOPLE = 1000
PROGRAMS = ("general", "u4u", "cam", "frp", "chnv_haiti")
OFFICES = ("", "Kyiv", "Warsaw", "Miami", "Bogota")
OPEN_STATUSES = ("submitted", "prescreened", "in_review", "evidence_requested",
                 "decision_pending_signoff")  # fmt: skip


def _setup(database_url: str, reload: bool) -> None:
    open_bench_database(database_url, reload=reload, debug=True)


def _array(values: tuple[str, ...]) -> str:
    return "ARRAY[" + ", ".join(f"'{value}'" for value in values) + "]"


def _load(count: int) -> None:
    """People, requests, triage rows, decisions, second reviews, evidence requests, caps."""
    from django.db import connection

    from lifeline.accounts.enums import UserRole
    from lifeline.accounts.models import User
    from lifeline.intake.models import ParoleRequest

    if ParoleRequest.objects.count() >= count:
        return
    started = time.perf_counter()
    filer, _ = User.objects.get_or_create(username="bench-filer", defaults={"role": "beneficiary"})
    officers = [
        User.objects.get_or_create(
            username=f"bench-officer-{n}", defaults={"role": UserRole.OFFICER}
        )[0].pk
        for n in range(OFFICERS)
    ]
    first_officer = min(officers)
    statements = [
        "SELECT setseed(0.42)",
        "TRUNCATE parole_capcounter, adjudication_secondreview, adjudication_evidencerequest, "
        "adjudication_decision, triage_casetriage, intake_parolerequest, people_person CASCADE",
        f"""
        INSERT INTO people_person (created_at, updated_at, given_name, family_name,
          given_name_native, family_name_native, other_names, birth_date, sex, citizenships,
          permanent_resident_of, refugee_status_in, residence_history, current_country,
          current_location, email, phone, ssn, ssn_hash, a_number, a_number_hash,
          bank_account, bank_account_hash, immigration_history)
        SELECT now(), now(), 'Given' || g, 'Family' || g, '', '', '[]', DATE '1980-01-01' + g,
          'F', '["UA"]', '[]', '[]', '[]', 'PL', '', '', '', '', '', '', '', '', '', '{{}}'
        FROM generate_series(1, {PEOPLE}) AS g
        """,
        # A quarter open (submitted in the last 240 days), the rest decided (last two years).
        f"""
        INSERT INTO intake_parolerequest (created_at, updated_at, reference, program, kind,
          category, status, version, filed_on, submitted_at, document, language,
          program_version, prescreen_outcome, fee_status, beneficiary_id, filed_by_id)
        SELECT s.submitted, s.submitted, 'HP-A' || lpad(g::text, 9, '0'),
          ({_array(PROGRAMS)})[1 + g % {len(PROGRAMS)}], 'initial', 'medical', s.status, 1,
          s.submitted::date, s.submitted, '{{}}'::jsonb, 'en', 'bench', 'meets_criteria', 'due',
          (SELECT min(id) FROM people_person) + g % {PEOPLE}, {filer.pk}
        FROM generate_series(1, {count}) AS g,
        LATERAL (SELECT CASE WHEN u < 0.25 THEN ({_array(OPEN_STATUSES)})[1 + (g / 7) % 5]
                             WHEN u < 0.60 THEN 'approved' WHEN u < 0.90 THEN 'denied'
                             ELSE 'administratively_closed' END AS status,
                        now() - CASE WHEN u < 0.25 THEN 240 ELSE 730 END * random()
                          * interval '1 day' AS submitted
                 FROM (SELECT random() + 0 * g AS u) AS draw) AS s
        """,
        # One request in twenty is not triaged; SLA hours by urgency, paused while evidence is due.
        f"""
        INSERT INTO triage_casetriage (created_at, updated_at, request_id, program, office,
          state, urgency_score, urgency_level, factors, assessed_at, is_expedited, sla_hours,
          sla_started_at, sla_due_at, sla_paused_at, sla_paused_seconds, note)
        SELECT r.submitted_at, r.submitted_at, r.id, r.program,
          ({_array(OFFICES)})[1 + (r.id / 3) % {len(OFFICES)}],
          CASE WHEN r.status IN ('approved', 'denied', 'administratively_closed') THEN 'done'
               WHEN r.status = 'submitted' THEN 'queued' ELSE 'assigned' END,
          s.score, CASE WHEN s.score >= 60 THEN 'critical' WHEN s.score >= 30 THEN 'high'
                        ELSE 'standard' END,
          '[]', r.submitted_at, false, s.hours, r.submitted_at,
          r.submitted_at + s.hours * interval '1 hour',
          CASE WHEN r.status = 'evidence_requested' THEN now() - interval '1 day' END, 0, ''
        FROM intake_parolerequest r,
        LATERAL (SELECT score, CASE WHEN score >= 60 THEN 72 WHEN score >= 30 THEN 240
                                    ELSE 720 END AS hours
                 FROM (SELECT (r.id * 7919 % 101)::int AS score) AS scored) AS s
        WHERE r.id % 20 <> 0
        """,
        f"""
        INSERT INTO adjudication_decision (created_at, updated_at, request_id, officer_id,
          outcome, reason_codes, rubric_scores, rationale, program_version, rule_results,
          request_version, status, signoff_reasons, is_sampled_for_second_review,
          splits_family, family_split, is_marked_for_review, decided_at, supervisor_comment)
        SELECT d.at, d.at, r.id, {first_officer} + r.id % {OFFICERS},
          CASE r.status WHEN 'approved' THEN 'approve' WHEN 'denied' THEN 'deny'
                        ELSE 'close' END,
          '[]', '{{}}', 'bench', 'bench', '[]', 1, 'in_effect', '[]', r.id % 10 = 0, false,
          '[]', false, d.at, ''
        FROM intake_parolerequest r,
        LATERAL (SELECT LEAST(now(), r.submitted_at + random() * interval '120 days') AS at)
          AS d
        WHERE r.status IN ('approved', 'denied', 'administratively_closed')
        """,
        f"""
        INSERT INTO adjudication_secondreview (created_at, updated_at, decision_id,
          reviewer_id, outcome, reason_codes, rubric_scores, rationale, agrees, submitted_at)
        SELECT d.decided_at, d.decided_at, d.id,
          {first_officer} + (d.officer_id - {first_officer} + 1) % {OFFICERS}, s.outcome, '[]',
          '{{}}', 'bench', s.outcome = d.outcome, d.decided_at
        FROM adjudication_decision d,
        LATERAL (SELECT CASE WHEN random() + 0 * d.id < 0.8 THEN d.outcome
                             ELSE (ARRAY['approve', 'deny', 'close'])[1 + d.id % 3] END
                   AS outcome) AS s
        WHERE d.is_sampled_for_second_review
        """,
        f"""
        INSERT INTO adjudication_evidencerequest (created_at, updated_at, request_id,
          officer_id, items, free_text, due_on, status, reminders_sent)
        SELECT r.submitted_at + interval '10 days', r.submitted_at + interval '10 days', r.id,
          {first_officer}, '[]', '', (r.submitted_at + interval '40 days')::date,
          CASE WHEN r.status = 'evidence_requested' THEN 'open' ELSE 'answered' END, 0
        FROM intake_parolerequest r
        WHERE r.id % 5 = 0 OR r.status = 'evidence_requested'
        """,
        """
        INSERT INTO parole_capcounter (cap_id, period_start, "limit", used)
        SELECT cap, (date_trunc('month', now()) - m * interval '1 month')::date, 30000,
          (random() * 30000)::int
        FROM unnest(ARRAY['u4u-monthly', 'chnv-monthly']) AS cap, generate_series(0, 23) AS m
        UNION ALL SELECT 'cam-total', DATE '2000-01-01', 500000, 123456
        """,
        "ANALYZE",
    ]
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
    print(f"loaded {count:,} requests in {time.perf_counter() - started:.0f} s")


def _backend_cpu_seconds() -> float | None:
    """CPU seconds used so far by this connection's PostgreSQL backend, when readable."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _timed(call: Any) -> tuple[float, float, float | None, Any]:
    """(wall s, this process's CPU s, the backend's CPU s or None, result) of `call()`."""
    backend_before = _backend_cpu_seconds()
    began, began_cpu = time.perf_counter(), time.process_time()
    result = call()
    wall, cpu = time.perf_counter() - began, time.process_time() - began_cpu
    backend_after = _backend_cpu_seconds()
    backend = None if backend_before is None or backend_after is None else (
        backend_after - backend_before
    )  # fmt: skip
    return wall, cpu, backend, result


def _p(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=15, help="requests per page")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--reload", action="store_true", help="rebuild the database")
    args = parser.parse_args()
    _setup(args.database_url, args.reload)
    _load(args.requests)

    from django.test import Client
    from django.test.utils import setup_test_environment

    from lifeline.accounts.enums import UserRole
    from lifeline.accounts.models import User
    from lifeline.analytics.models import SummaryRow
    from lifeline.analytics.operations.summaries import refresh_operations_summaries

    wall, cpu, backend, snapshot = _timed(refresh_operations_summaries)
    rows = SummaryRow.objects.filter(snapshot=snapshot).count()
    backend_text = "n/a" if backend is None else f"{backend:.1f} s"
    print(
        f"refresh: {wall:.1f} s wall, {cpu:.2f} s CPU here, {backend_text} CPU in PostgreSQL; "
        f"{snapshot.request_count:,} requests -> {rows:,} summary rows"
    )

    setup_test_environment()
    supervisor, _ = User.objects.get_or_create(
        username="bench-supervisor", defaults={"role": UserRole.SUPERVISOR}
    )
    client = Client()
    client.force_login(supervisor)
    month_ago = (dt.date.today() - dt.timedelta(days=30)).isoformat()
    pages = {
        "dashboard": "/analytics/",
        "program": "/analytics/?program=u4u",
        "office+urgency": "/analytics/?office=Kyiv&urgency=critical",
        "last 30 days": f"/analytics/?date_from={month_ago}",
        "csv backlog": "/analytics/export/backlog.csv",
        "parquet throughput": "/analytics/export/throughput.parquet",
        "csv by officer": "/analytics/export/agreement-by-officer.csv",
    }
    print(f"{'page':>20} {'p50 ms':>8} {'p95 ms':>8} {'CPU ms':>8} {'DB CPU ms':>10}")
    worst = 0.0
    for name, url in pages.items():
        client.get(url)  # warm up
        walls, cpus, backends = [], [], []
        for _ in range(args.repeats):
            wall, cpu, backend, response = _timed(lambda url=url: client.get(url))
            assert response.status_code == 200, (url, response.status_code)
            walls.append(wall * 1000)
            cpus.append(cpu * 1000)
            if backend is not None:
                backends.append(backend * 1000)
        worst = max(worst, _p(walls, 0.95))
        db = f"{statistics.median(backends):10.0f}" if backends else f"{'n/a':>10}"
        print(
            f"{name:>20} {statistics.median(walls):8.0f} {_p(walls, 0.95):8.0f} "
            f"{statistics.median(cpus):8.0f} {db}"
        )
    print(f"slowest p95: {worst:.0f} ms ({'under' if worst < 1000 else 'OVER'} the 1 s target)")


if __name__ == "__main__":
    main()
