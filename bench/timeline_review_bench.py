"""The timeline review from the database: N parolees' answers under the timeline in force and
under a new one that adds a court order.

Usage: .venv/bin/python bench/timeline_review_bench.py [--parolees 2000] [--database-url URL]

Builds a fresh database (SQLite in a temporary folder unless --database-url is given), stores N
arrived parole terms (CHNV Cuba, Haiti and U4U, arrival and end dates varied), then times
`start_timeline_review` (what the office page waits for: the text kept, the review queued) and
then `review_timeline_change` (the review itself, as the task and the command run it) with a
timeline adding a stay of the CHNV Cuba termination that takes effect in the future: every
parolee is checked twice on two dates. Prints both times and the time per parolee.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = (
    ("chnv_cuba", "chnv_cuba-2023-01-09", "CU"),
    ("chnv_haiti", "chnv_haiti-2023-01-09", "HT"),
    ("u4u", "u4u-2022-04-25", "UA"),
)


def _setup_django(database_url: str | None, var_dir: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["LIFELINE_VAR_DIR"] = var_dir
    os.environ["LIFELINE_DEBUG"] = "1"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    if database_url:
        call_command("flush", "--noinput", verbosity=0)
    call_command("migrate", "--noinput", verbosity=0)


def _store_parolees(count: int, seed: int) -> None:
    from lifeline.accounts.models import User
    from lifeline.intake.models import ParoleRequest
    from lifeline.parole.models import ParoleTerm
    from lifeline.people.models import Person

    rng = random.Random(seed)
    filer = User.objects.create_user(username="bench-filer", role="beneficiary")
    for start in range(0, count, 1000):
        size = min(1000, count - start)
        people, requests, terms = [], [], []
        for index in range(start, start + size):
            program, version, country = PROGRAMS[index % len(PROGRAMS)]
            person = Person(
                given_name="Bench",
                family_name=f"Parolee{index}",
                birth_date=dt.date(1980, 1, 1),
                sex="F",
                citizenships=[country],
                current_country="US",
            )
            people.append(person)
            requests.append(
                ParoleRequest(
                    reference=f"HP-TLB{index:07d}",
                    program=program,
                    program_version=version,
                    kind="initial",
                    category="other",
                    status="approved",
                    beneficiary=person,
                    filed_by=filer,
                    document={},
                )
            )
        Person.objects.bulk_create(people)
        for request, person in zip(requests, people, strict=True):
            request.beneficiary = person
        ParoleRequest.objects.bulk_create(requests)
        for request in requests:
            arrived = dt.date(2023, 6, 1) + dt.timedelta(days=rng.randint(0, 500))
            ends = arrived + dt.timedelta(days=730)
            terms.append(
                ParoleTerm(
                    request=request,
                    program=request.program,
                    program_version=request.program_version,
                    status="active",
                    fee_amount_usd=0,
                    fee_state="exempt",
                    arrived_on=arrived,
                    original_ends_on=ends,
                    ends_on=ends,
                    class_of_admission="DT",
                )
            )
        ParoleTerm.objects.bulk_create(terms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parolees", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var_dir:
        _setup_django(args.database_url, var_dir)
        import time_machine
        from django.db import connection

        from lifeline.accounts.models import User
        from lifeline.pathways.tests.timeline_texts import with_stay
        from lifeline.pathways.timeline_changes import (
            review_timeline_change,
            start_timeline_review,
        )

        started = time.perf_counter()
        _store_parolees(args.parolees, args.seed)
        print(f"stored {args.parolees:,} parolees in {time.perf_counter() - started:.1f} s")
        administrator = User.objects.create_user(
            username="bench-admin", role="program_administrator"
        )
        with time_machine.travel(dt.datetime(2025, 6, 15, 12, tzinfo=dt.UTC), tick=True):
            started = time.perf_counter()
            start_timeline_review(actor=administrator, source_yaml=with_stay())
            page_waits = time.perf_counter() - started
            started = time.perf_counter()
            change = review_timeline_change(actor=administrator, source_yaml=with_stay())
            elapsed = time.perf_counter() - started
        print(
            json.dumps(
                {
                    "database": connection.vendor,
                    "parolees": change.evaluated_count,
                    "changed": change.changed_count,
                    "dates": change.report["dates"],
                    "page_waits_seconds": round(page_waits, 3),
                    "review_seconds": round(elapsed, 1),
                    "per_parolee_ms": round(1000 * elapsed / max(change.evaluated_count, 1), 2),
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
