"""Take next case at scale: the whole service call against the same statements by hand.

Usage: .venv/bin/python bench/take_next_case_bench.py [--requests 1000000] [--calls 400]
           [--database-url postgres://postgres@127.0.0.1:5432/lifeline_bench] [--reload]
           [--interleave]

Builds (once; --reload rebuilds) a PostgreSQL database with N open requests waiting in the
queue, loaded with INSERT ... SELECT generate_series, each with its audit stream already open
(as in production, where a queued request's stream has its earlier events). Runs with DEBUG
off, as production does (DEBUG keeps every query in memory). Then, at 1 and at 8 concurrent
officers (threads of this one process, so the 8-officer service figures include waiting for
the Python interpreter lock), times `assign_next_case` (select with FOR UPDATE SKIP LOCKED,
assignment, the status move with its history row and its hash-chained audit event) and the
same nine statements written by hand with psycopg in one transaction. Prints p50/p95 per
call, the p95 ratio and the median CPU time of the calling thread (what the call costs in
Python, whatever else the machine is doing). With --interleave the two paths' calls alternate
in each officer's thread, so both see the same load on a shared machine.
Targets at 1 officer: p95 under 20 ms and a ratio under 1.5.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import threading
import time
from pathlib import Path
from typing import Any

from bench_database import open_bench_database  # the script's own folder is on sys.path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/lifeline_bench"
OFFICERS = 8


def _setup(database_url: str, reload: bool) -> None:
    open_bench_database(database_url, reload=reload)


def _load(count: int) -> None:
    """N people, N pre-screened requests and N queued cases, in three INSERT ... SELECTs."""
    from django.db import connection

    from lifeline.accounts.enums import UserRole
    from lifeline.accounts.models import User
    from lifeline.triage.models import CaseTriage

    if CaseTriage.objects.count() >= count:  # loaded; a run takes some 2,000 of the cases
        _open_streams(count)
        return
    started = time.perf_counter()
    filer, _ = User.objects.get_or_create(username="bench-filer", defaults={"role": "beneficiary"})
    for n in range(OFFICERS):
        User.objects.get_or_create(
            username=f"bench-officer-{n}", defaults={"role": UserRole.OFFICER}
        )
    document = json.dumps(json.loads((ROOT / "examples" / "general-medical.json").read_text()))
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE triage_casetriage, intake_parolerequest, people_person CASCADE")
        cursor.execute(
            """
            INSERT INTO people_person (created_at, updated_at, given_name, family_name,
              given_name_native, family_name_native, other_names, birth_date, sex, citizenships,
              permanent_resident_of, refugee_status_in, residence_history, current_country,
              current_location, email, phone, ssn, ssn_hash, a_number, a_number_hash,
              bank_account, bank_account_hash, immigration_history)
            SELECT now(), now(), 'Given' || g, 'Family' || g, '', '', '[]', DATE '1980-01-01'
              + (g %% 15000), 'F', '["UA"]', '[]', '[]', '[]', 'PL', '', '', '', '', '', '', '',
              '', '', '{}'
            FROM generate_series(1, %s) AS g
            """,
            [count],
        )
        cursor.execute(
            """
            INSERT INTO intake_parolerequest (created_at, updated_at, reference, program, kind,
              category, status, version, filed_on, submitted_at, document, language,
              program_version, prescreen_outcome, fee_status, beneficiary_id, filed_by_id)
            SELECT now(), now(), 'HP-B' || lpad(p.id::text, 9, '0'), 'general', 'initial',
              'medical', 'prescreened', 3, DATE '2026-11-02', now() - (p.id %% 5000) * interval
              '1 minute', %s::jsonb, 'en', 'general-2016-12-23', 'meets_criteria', 'due', p.id, %s
            FROM people_person p
            """,
            [document, filer.pk],
        )
        cursor.execute(
            """
            INSERT INTO triage_casetriage (created_at, updated_at, program, office, state,
              urgency_score, urgency_level, factors, assessed_at, is_expedited, sla_hours,
              sla_started_at, sla_due_at, sla_paused_seconds, note, request_id)
            SELECT now(), now(), 'general', '', 'queued', s.score,
              CASE WHEN s.score >= 60 THEN 'critical' WHEN s.score >= 30 THEN 'high'
                   ELSE 'standard' END,
              '[]', now(), false, 720, r.submitted_at, r.submitted_at + interval '720 hours', 0,
              '', r.id
            FROM intake_parolerequest r, LATERAL (SELECT (r.id * 7919 % 101)::int AS score) s
            """
        )
        cursor.execute("ANALYZE")
    _open_streams(count)
    print(f"loaded {count:,} open requests in {time.perf_counter() - started:.0f} s")


def _open_streams(count: int) -> None:
    """Each queued request's audit stream exists, as in production (its created, submitted and
    triage events came first), so both paths append to an existing stream."""
    from django.db import connection

    from lifeline.audit.chain import GENESIS_HASH

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM audit_auditstreamhead")
        if cursor.fetchone()[0] >= count:
            return
        cursor.execute(
            "INSERT INTO audit_auditstreamhead (stream, last_sequence, last_hash)"
            " SELECT 'request:' || request_id, 0, %s FROM triage_casetriage"
            " WHERE state = 'queued' ON CONFLICT DO NOTHING",
            [GENESIS_HASH],
        )
        cursor.execute("ANALYZE")


def _hand_written(dsn: str, officer_id: int, role: str) -> Any:
    """One transaction with the service's statements, written by hand with psycopg."""
    import psycopg

    from lifeline.audit.chain import GENESIS_HASH, canonical_json, hash_event_fields

    connection = psycopg.connect(dsn)

    def audit(
        cursor: Any,
        request_id: int,
        reference: str,
        person_id: int,
        action: str,
        details: dict[str, Any],
    ) -> None:
        stream = f"request:{request_id}"
        head_sql = (
            "SELECT last_sequence, last_hash FROM audit_auditstreamhead WHERE stream = %s"
            " FOR UPDATE"
        )
        head = cursor.execute(head_sql, [stream]).fetchone()
        if head is None:
            cursor.execute(
                "INSERT INTO audit_auditstreamhead (stream, last_sequence, last_hash) "
                "VALUES (%s, 0, %s) ON CONFLICT DO NOTHING",
                [stream, GENESIS_HASH],
            )
            head = cursor.execute(head_sql, [stream]).fetchone()
        fields = {
            "stream": stream,
            "sequence": head[0] + 1,
            "occurred_at": dt.datetime.now(dt.UTC),
            "actor_id": officer_id,
            "actor_role": role,
            "on_behalf_of_id": None,
            "action": action,
            "subject_type": "request",
            "subject_id": str(request_id),
            "case_reference": reference,
            "person_ids": [person_id],
            "details_json": canonical_json(details),
            "previous_hash": head[1],
        }
        digest = hash_event_fields(fields)
        event_id = cursor.execute(
            "INSERT INTO audit_auditevent (stream, sequence, occurred_at, actor_id, actor_role, "
            "on_behalf_of_id, action, subject_type, subject_id, case_reference, person_ids, "
            "details_json, previous_hash, hash) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
            "%s, %s, %s, %s) RETURNING id",
            [
                stream,
                fields["sequence"],
                fields["occurred_at"],
                officer_id,
                role,
                None,
                action,
                "request",
                str(request_id),
                reference,
                json.dumps([person_id]),
                fields["details_json"],
                head[1],
                digest,
            ],
        ).fetchone()[0]
        cursor.execute(
            "INSERT INTO audit_auditeventperson (event_id, person_id) VALUES (%s, %s)",
            [event_id, person_id],
        )
        cursor.execute(
            "UPDATE audit_auditstreamhead SET last_sequence = %s, last_hash = %s WHERE stream = %s",
            [fields["sequence"], digest, stream],
        )

    def take() -> int | None:
        now = dt.datetime.now(dt.UTC)
        with connection.transaction(), connection.cursor() as cursor:
            row = cursor.execute(
                "SELECT c.id, c.request_id, r.reference, r.beneficiary_id FROM triage_casetriage c"
                " JOIN intake_parolerequest r ON r.id = c.request_id WHERE c.state = 'queued'"
                " ORDER BY c.urgency_score DESC, c.sla_due_at, c.id LIMIT 1"
                " FOR UPDATE OF c SKIP LOCKED"
            ).fetchone()
            if row is None:
                return None
            case_id, request_id, reference, person_id = row
            cursor.execute(
                "UPDATE triage_casetriage SET updated_at = %s, state = 'assigned', "
                "assigned_to_id = %s, assigned_at = %s WHERE id = %s",
                [now, officer_id, now, case_id],
            )
            status, version = cursor.execute(
                "SELECT status, version FROM intake_parolerequest WHERE id = %s FOR UPDATE",
                [request_id],
            ).fetchone()
            cursor.execute(
                "UPDATE intake_parolerequest SET updated_at = %s, status = "
                "'in_review', version = %s WHERE id = %s",
                [now, version + 1, request_id],
            )
            cursor.execute(
                "INSERT INTO intake_requeststatuschange (request_id, from_status, to_status, "
                "actor_id, actor_role, reason, occurred_at) VALUES (%s, %s, 'in_review', %s, %s,"
                " %s, %s)",
                [request_id, status, officer_id, role, "Assigned (next).", now],
            )
            audit(
                cursor,
                request_id,
                reference,
                person_id,
                "request.in_review",
                {"from": status, "to": "in_review", "reason": "Assigned (next)."},
            )
        return request_id

    return take, connection


def _run(
    kinds: tuple[str, ...], officers: int, calls: int, dsn: str
) -> dict[str, tuple[list[float], list[float]]]:
    """Each officer's thread makes `calls // officers` calls of each kind; with both kinds the
    calls alternate (service first, then by hand first), so both see the same machine."""
    from django.db import connection

    from lifeline.accounts.models import User
    from lifeline.triage.services import assign_next_case

    users = list(User.objects.filter(username__startswith="bench-officer-").order_by("id"))
    results: dict[str, tuple[list[float], list[float]]] = {kind: ([], []) for kind in kinds}
    lock = threading.Lock()
    start = threading.Barrier(officers)

    def work(user: Any) -> None:
        mine: dict[str, tuple[list[float], list[float]]] = {kind: ([], []) for kind in kinds}
        take, raw = _hand_written(dsn, user.pk, user.role)
        call = {"service": lambda: assign_next_case(officer=user), "psycopg": take}
        try:
            connection.ensure_connection()  # connected before timing, like the psycopg path
            start.wait()
            for n in range(calls // officers):
                for kind in kinds if n % 2 == 0 else kinds[::-1]:
                    began, began_cpu = time.perf_counter(), time.thread_time()
                    call[kind]()
                    mine[kind][0].append((time.perf_counter() - began) * 1000)
                    mine[kind][1].append((time.thread_time() - began_cpu) * 1000)
        finally:
            raw.close()
            connection.close()
        with lock:
            for kind in kinds:
                results[kind][0].extend(mine[kind][0])
                results[kind][1].extend(mine[kind][1])

    threads = [threading.Thread(target=work, args=(users[n],)) for n in range(officers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _p(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--calls", type=int, default=400, help="calls per measurement")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--reload", action="store_true", help="rebuild the database")
    parser.add_argument(
        "--interleave",
        action="store_true",
        help="alternate service and hand-written calls (fairer on a machine others are using)",
    )
    args = parser.parse_args()
    _setup(args.database_url, args.reload)
    _load(args.requests)
    from django.db import connection

    dsn = args.database_url
    _run(("service", "psycopg"), 1, 40, dsn)  # warm up both paths
    order = "alternating calls" if args.interleave else "one path after the other"
    print(
        f"open requests: {args.requests:,}; calls per path and measurement: {args.calls}; {order}"
    )
    print(f"{'officers':>8} {'path':>8} {'p50 ms':>8} {'p95 ms':>8} {'calls/s':>8} {'CPU ms':>8}")
    for officers in (1, OFFICERS):
        runs = [("service", "psycopg")] if args.interleave else [("service",), ("psycopg",)]
        p95 = {}
        for kinds in runs:
            began = time.perf_counter()
            results = _run(kinds, officers, args.calls, dsn)
            rate = f"{len(results[kinds[0]][0]) / (time.perf_counter() - began):>8.0f}"
            for kind, (timings, cpu) in results.items():
                p95[kind] = _p(timings, 0.95)
                print(
                    f"{officers:>8} {kind:>8} {_p(timings, 0.5):>8.2f} {p95[kind]:>8.2f} "
                    f"{rate if len(kinds) == 1 else '-':>8} {statistics.median(cpu):>8.2f}"
                )
        print(f"{officers:>8} ratio p95 service / psycopg: {p95['service'] / p95['psycopg']:.2f}")
    connection.close()


if __name__ == "__main__":
    main()
