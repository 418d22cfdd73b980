"""The arriving-form integrity screen against a large keyed-hash index (PostgreSQL).

Usage: .venv/bin/python bench/integrity_flags_bench.py [--keys 1000000] [--people 1000000]
           [--forms 40] [--database-url postgres://postgres@127.0.0.1:5432/lifeline_flags_bench]
           [--reload]

Builds (once; --reload rebuilds) a PostgreSQL database whose screening index already holds
N keyed hashes of other forms (INSERT ... SELECT generate_series: phones, addresses, e-mails,
IPs, bank accounts and SSNs of N / 6 forms each), plus one phone already on 2,000 forms of
2,000 households (a hot value, past its threshold), and an encrypted identity snapshot of P
generated people (`lifeline.generation.integrity_people`, as the full screen writes it; kept under
var/bench/ and rebuilt with the database). Then files M supporter forms that carry that phone
through `declare_support` -- every other one by a person the snapshot knows, the others by
new people -- and times `screen_declaration` on each: check the supporter against the
snapshot with the trained model and attach them to the matched (or a new) resolved identity,
store the form's hashes, count households per value and forms per supporter through the
indexes, capacity ledger, raise or refresh flags, one transaction. DEBUG off, as in
production. Prints p50/p95 wall and CPU time per form (the snapshot is loaded once, before).
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path

from bench_database import open_bench_database  # the script's own folder is on sys.path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/lifeline_flags_bench"
HOT_PHONE = "+1 305 555 0177"
HOT_FORMS = 2000
_KNOWN_FIELDS = ("given_name", "family_name", "birth_date", "email")  # what a known person files


def _setup(database_url: str, reload: bool) -> bool:
    return open_bench_database(database_url, reload=reload)


def _load_index(keys: int) -> None:
    from django.db import connection

    from lifeline.core.crypto import keyed_hash
    from lifeline.integrity.normalise.contact import normalise_phone

    hot = keyed_hash(f"phone:{normalise_phone(HOT_PHONE)}")
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO integrity_screeningkey (form_key, kind, value_hash, label, household) "
            "SELECT 'filler:' || (i / 6), (ARRAY['phone','address','email','ip','bank_account',"
            "'ssn'])[i %% 6 + 1], md5(i::text) || md5((i * 7)::text), 'filler', 'h' || (i / 6) "
            "FROM generate_series(0, %s - 1) AS i",
            [keys],
        )
        cursor.execute(
            "INSERT INTO integrity_screeningkey (form_key, kind, value_hash, label, household) "
            "SELECT 'hot:' || i, 'phone', %s, 'hot phone', 'hot' || i "
            "FROM generate_series(1, %s) AS i",
            [hot, HOT_FORMS],
        )
        cursor.execute("ANALYZE integrity_screeningkey")


def _build_snapshot(people: int, known: int) -> None:
    """Write the identity snapshot of `people` generated people and record it; the first
    `known` usable ones get a resolved identity in the database, labelled with their name and
    birth date (the others' clusters name no identity, as people an analyst merged away would)."""
    import numpy as np

    from lifeline.generation.integrity_people import generate_people
    from lifeline.integrity.identity.arrival import RECORD_FIELDS, snapshot_key, snapshot_path
    from lifeline.integrity.identity.features import person_features
    from lifeline.integrity.identity.incremental import IdentityIndex
    from lifeline.integrity.models import IdentitySnapshot, ResolvedIdentity

    records, _ = generate_people(people, seed=20261128)
    usable = [
        row
        for row, r in enumerate(records[: known * 20])
        if r["given_name"].isascii() and r["family_name"].isascii() and r["birth_date"][4:5] == "-"
    ][:known]
    clusters = np.arange(people, dtype=np.int64) + 10**12
    ResolvedIdentity.objects.filter(identity_key="bench-known").delete()
    for row in usable:
        label = "|".join(records[row][f] for f in _KNOWN_FIELDS)
        clusters[row] = ResolvedIdentity.objects.create(label=label, identity_key="bench-known").pk
    features = person_features({f: [r[f] for r in records] for f in RECORD_FIELDS})
    path = snapshot_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    IdentityIndex(features, clusters).save(path, key=snapshot_key())
    IdentitySnapshot.objects.all().delete()
    IdentitySnapshot.objects.create(
        path=str(path), digest=hashlib.sha256(path.read_bytes()).hexdigest(), people=people
    )


def _known_people() -> list[dict]:
    from lifeline.integrity.models import ResolvedIdentity

    labels = ResolvedIdentity.objects.filter(identity_key="bench-known").order_by("pk")
    return [
        dict(zip(_KNOWN_FIELDS, label.split("|"), strict=True))
        for label in labels.values_list("label", flat=True)
    ]


def _file_forms(count: int, known: list[dict]) -> list[int]:
    from lifeline.accounts.enums import UserRole
    from lifeline.accounts.models import User
    from lifeline.programs.documents import PersonDocument, SupporterDocument
    from lifeline.supporters.services import declare_support

    run = int(time.time())
    ids = []
    for n in range(count):
        user = User.objects.create_user(
            username=f"bench-supporter-{run}-{n}", role=UserRole.SUPPORTER, password=None
        )
        name = (
            known[n // 2]
            if n % 2 == 0 and n // 2 < len(known)
            else {"given_name": f"Bench{n}", "family_name": f"Family{run}x{n}",
                  "birth_date": "1970-01-01", "email": ""}
        )  # fmt: skip
        person = {
            "given_name": name["given_name"],
            "family_name": name["family_name"],
            "birth_date": name["birth_date"],
            "sex": "F",
            "citizenships": ["US"],
            "current_country": "US",
            "phone": HOT_PHONE,
            "email": name["email"],
        }
        beneficiary = PersonDocument.model_validate(
            {
                **person,
                "given_name": f"Kin{n}",
                "citizenships": ["UA"],
                "current_country": "PL",
                "phone": "",
            }
        )
        supporter = SupporterDocument.model_validate(
            {
                "person": person,
                "status_in_us": "citizen",
                "annual_income_usd": 90_000,
                "household_size": 2,
                "relationship": "friend",
            }
        )
        declaration = declare_support(
            actor=user,
            program="general",
            supporter=supporter,
            beneficiary=beneficiary,
            beneficiary_email=f"kin{run}-{n}@example.org",
        )
        ids.append(declaration.pk)
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--forms", type=int, default=40)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--reload", action="store_true")
    options = parser.parse_args()
    fresh = _setup(options.database_url, options.reload)
    from django.conf import settings
    from django.core.management import call_command

    from lifeline.integrity.identity.arrival import current_index
    from lifeline.integrity.models import ScreeningKey
    from lifeline.integrity.screening.arriving import screen_declaration

    snapshot = ROOT / "var" / "bench" / f"identity-index-{options.people}.llix"
    settings.LIFELINE_IDENTITY_INDEX_PATH = snapshot
    if fresh:
        started = time.perf_counter()
        _load_index(options.keys)
        print(
            f"index: {options.keys:,} keys + {HOT_FORMS:,} on one phone "
            f"in {time.perf_counter() - started:.1f} s"
        )
    if fresh or not snapshot.exists():
        started, cpu = time.perf_counter(), time.process_time()
        _build_snapshot(options.people, options.forms)
        print(
            f"identity snapshot: {options.people:,} people in {time.perf_counter() - started:.1f}"
            f" s wall, {time.process_time() - cpu:.1f} s CPU"
        )
    started = time.perf_counter()
    assert current_index() is not None, "the identity snapshot does not match the database"
    print(f"snapshot loaded in {time.perf_counter() - started:.1f} s (once per process)")
    call_command("policies", "load", verbosity=0)
    forms = _file_forms(options.forms, _known_people())
    walls, cpus = [], []
    for declaration_id in forms:
        wall, cpu = time.perf_counter(), time.process_time()
        screen_declaration(declaration_id)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    from lifeline.integrity.models import IdentityMembership

    matched = IdentityMembership.objects.filter(
        person__declarations__pk__in=forms, identity__identity_key="bench-known"
    ).count()
    print(f"index rows: {ScreeningKey.objects.count():,}; forms screened: {len(forms)}, "
          f"{matched} matched to a known identity")  # fmt: skip
    print(
        f"screen_declaration: p50 {_percentile(walls, 0.5):.1f} ms, "
        f"p95 {_percentile(walls, 0.95):.1f} ms wall; CPU p50 {_percentile(cpus, 0.5):.1f} ms, "
        f"p95 {_percentile(cpus, 0.95):.1f} ms"
    )


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(len(ordered) * share) - 1)]


if __name__ == "__main__":
    main()
