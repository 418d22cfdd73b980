"""The load benchmark's database side: sign in its virtual users, then count what was kept.

Run by `load_bench.py` with the environment of the installation under test:
  load_fixtures.py users N     -> JSON: sessions, API tokens and references for N of each role
  load_fixtures.py check FILE  -> JSON: acknowledged writes found, notifications, upload files
  load_fixtures.py sweep       -> queue the sweep of pending notifications (the hourly task)
"""

from __future__ import annotations

import json
import os
import sys
import time
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY  # noqa: E402
from allauth.account.internal.flows.login import (  # noqa: E402
    _AUTHENTICATION_METHODS_USER_SESSION_KEY as AUTHENTICATION_METHODS_USER_SESSION_KEY,
)
from allauth.account.internal.userkit import user_id_to_str  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402

from lifeline.accounts.enums import UserRole  # noqa: E402
from lifeline.accounts.mfa import ensure_totp_secret  # noqa: E402
from lifeline.accounts.models import User  # noqa: E402
from lifeline.accounts.tokens import issue_api_token  # noqa: E402
from lifeline.intake.models import EvidenceItem, ParoleRequest  # noqa: E402
from lifeline.notifications.enums import Channel, DeliveryStatus  # noqa: E402
from lifeline.notifications.models import Notification  # noqa: E402
from lifeline.supporters.models import SupporterDeclaration  # noqa: E402


def _session_for(user: User, *, staff: bool) -> str:
    """A signed-in session as allauth leaves it (password, then TOTP for staff)."""
    now = time.time()
    records: list[dict[str, Any]] = [{"method": "password", "at": now, "username": user.username}]
    if staff:
        ensure_totp_secret(user)
        records.append({"method": "mfa", "at": now, "type": "totp"})
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session[AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    session.create()
    return str(session.session_key)


def users(count: int) -> dict[str, Any]:
    applicants = []
    filed = ParoleRequest.objects.filter(filed_by__role=UserRole.BENEFICIARY).select_related(
        "filed_by"
    )
    for request in filed.order_by("id")[:count]:
        applicants.append(
            {"session": _session_for(request.filed_by, staff=False), "request": request.reference}
        )
    api_clients = []
    for number in range(count):
        user, _ = User.objects.get_or_create(
            username=f"bench-api-{number}",
            defaults={"role": UserRole.BENEFICIARY, "email": f"bench-api-{number}@bench.example"},
        )
        api_clients.append({"token": issue_api_token(user=user, name="load bench")})
    supporters = []
    for number in range(count):
        user, _ = User.objects.get_or_create(
            username=f"bench-supporter-{number}",
            defaults={"role": UserRole.SUPPORTER, "email": f"bench-sup-{number}@bench.example"},
        )
        supporters.append({"token": issue_api_token(user=user, name="load bench")})
    officers = []
    for number in range(count):
        user, _ = User.objects.get_or_create(
            username=f"bench-officer-{number}",
            defaults={"role": UserRole.OFFICER, "email": f"bench-off-{number}@bench.example"},
        )
        officers.append({"session": _session_for(user, staff=True)})
    return {
        "applicant": applicants,
        "api_client": api_clients,
        "supporter": supporters,
        "officer": officers,
    }


def check(acknowledged_file: str) -> dict[str, Any]:
    """What the server said it kept, against what the database holds."""
    acknowledged = json.loads(Path(acknowledged_file).read_text())
    requests = set(acknowledged.get("requests", []))
    declarations = set(acknowledged.get("declarations", []))
    evidence = set(acknowledged.get("evidence", []))
    found_requests = set(
        ParoleRequest.objects.filter(reference__in=requests).values_list("reference", flat=True)
    )
    found_declarations = set(
        SupporterDeclaration.objects.filter(reference__in=declarations).values_list(
            "reference", flat=True
        )
    )
    found_evidence = set(EvidenceItem.objects.filter(pk__in=evidence).values_list("pk", flat=True))
    media = Path(settings.MEDIA_ROOT)
    stored_names = set(EvidenceItem.objects.values_list("storage_name", flat=True))
    files = {
        path.relative_to(media).as_posix()
        for path in (media / "evidence").glob("*")
        if path.is_file()
    }
    emails = Notification.objects.filter(channel=Channel.EMAIL)
    delivered = _mailbox_keys(Path(settings.VAR_DIR) / "mail")
    keys = {
        (address, " ".join(subject.split()))
        for address, subject in emails.values_list("address", "subject")
    }
    by_status = {status: emails.filter(status=status).count() for status in DeliveryStatus.values}
    return {
        "requests_acknowledged": len(requests),
        "requests_missing": sorted(requests - found_requests),
        "declarations_acknowledged": len(declarations),
        "declarations_missing": sorted(declarations - found_declarations),
        "evidence_acknowledged": len(evidence),
        "evidence_missing": sorted(evidence - found_evidence),
        "evidence_rows_without_file": sorted(
            name for name in stored_names if not (media / name).is_file()
        ),
        "files_without_row": sorted(files - stored_names),
        "emails": by_status,
        "emails_never_delivered": sorted(" ".join(k) for k in keys - set(delivered)),
        "emails_delivered_twice": sorted(" ".join(k) for k, n in delivered.items() if n > 1),
    }


def _mailbox_keys(folder: Path) -> dict[tuple[str, str], int]:
    """How many messages the mail sink holds for each (recipient, subject)."""
    counts: dict[tuple[str, str], int] = {}
    for path in [*folder.glob("new/*"), *folder.glob("cur/*")]:
        with path.open("rb") as stream:
            message = BytesParser(policy=policy.default).parse(stream, headersonly=True)
        key = (str(message.get("To", "")), " ".join(str(message.get("Subject", "")).split()))
        counts[key] = counts.get(key, 0) + 1
    return counts


def sweep() -> dict[str, Any]:
    from lifeline.notifications.tasks import deliver_pending_notifications_task

    deliver_pending_notifications_task.enqueue()
    return {"queued": True}


if __name__ == "__main__":
    action = sys.argv[1]
    if action == "users":
        result = users(int(sys.argv[2]))
    elif action == "check":
        result = check(sys.argv[2])
    else:
        result = sweep()
    print(json.dumps(result))
