"""Demo logins: one account per role with a known password, and something for each to see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from lifeline.accounts.enums import STAFF_ROLES, UserRole
from lifeline.accounts.mfa import current_totp_code, ensure_totp_secret
from lifeline.accounts.models import RepresentationConsent, User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import record_audit_event
from lifeline.core import clock
from lifeline.generation.dataset import GenerationOptions, generate_dataset
from lifeline.generation.demo_parolee import parole_one
from lifeline.generation.services import save_dataset
from lifeline.intake.models import ParoleRequest
from lifeline.integrity.screening.batch import screen_all_forms
from lifeline.programs.registry import get_registry

DEMO_PASSWORD = "lifeline-demo-2026"  # noqa: S105 - a published demo password, demo data only
DEMO_EMAIL_DOMAIN = "example.org"
# The demo beneficiary's own filings: a small Ukrainian household with its supporter.
_DEMO_PROGRAM = "u4u"
_DEMO_SEED = 20220425
_DEMO_REQUESTS = 3
_DEMO_LAST_FILING_ON = dt.date(2024, 12, 31)


@dataclass(frozen=True)
class DemoAccount:
    role: str
    username: str
    password: str
    second_factor: str


def _username(role: str) -> str:
    return f"demo-{role.replace('_', '-')}"


def _second_factor(user: User) -> str:
    """What a staff login needs besides the password: the TOTP secret and a code valid now."""
    if user.role not in STAFF_ROLES:
        return "none (public role)"
    secret = ensure_totp_secret(user)
    return f"TOTP secret {secret}; code now {current_totp_code(secret)}"


def _ensure_user(role: str) -> User:
    user, _ = User.objects.get_or_create(
        username=_username(role),
        defaults={"role": role, "email": f"{_username(role)}@{DEMO_EMAIL_DOMAIN}"},
    )
    user.role = role
    user.email = f"{_username(role)}@{DEMO_EMAIL_DOMAIN}"
    user.is_active = True
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def _ensure_consent(representative: User, client: User) -> None:
    if RepresentationConsent.objects.filter(
        representative=representative, client=client, revoked_at__isnull=True
    ).exists():
        return
    consent = RepresentationConsent.objects.create(
        representative=representative, client=client, granted_at=clock.now()
    )
    record_audit_event(
        actor=client,
        action=AuditAction.CONSENT_GRANTED,
        stream=f"user:{client.pk}",
        subject_type="representation_consent",
        subject_id=consent.pk,
        details={"representative": representative.username},
    )


def _ensure_filings(users: dict[str, User]) -> None:
    """The demo beneficiary's household, backed by the demo supporter, one request represented
    and one on parole (the represented one where it can be)."""
    beneficiary = users[UserRole.BENEFICIARY]
    if ParoleRequest.objects.filter(filed_by=beneficiary).exists():
        return
    dataset = generate_dataset(
        GenerationOptions(
            requests=_DEMO_REQUESTS,
            seed=_DEMO_SEED,
            last_filing_on=_DEMO_LAST_FILING_ON,
            duplicate_share=0,
            fraud_share=0,
            programs=(_DEMO_PROGRAM,),
        ),
        get_registry(),
    )
    mapping = {}
    for key, account in dataset.accounts.items():
        if account.role in (UserRole.BENEFICIARY, UserRole.SUPPORTER, UserRole.REPRESENTATIVE):
            mapping[key] = users[account.role]
    representative_key = next(
        (
            key
            for key, account in dataset.accounts.items()
            if account.role == UserRole.REPRESENTATIVE
        ),
        "",
    )
    if representative_key:
        dataset.requests[-1].representative = representative_key
    save_dataset(dataset=dataset, users=mapping)
    own = ParoleRequest.objects.filter(filed_by=beneficiary).order_by(
        F("representative").desc(nulls_last=True), "pk"
    )
    parole_one(
        list(own),
        officer=users[UserRole.OFFICER],
        supervisor=users[UserRole.SUPERVISOR],
        today=clock.today(),
    )


@transaction.atomic
def ensure_demo_accounts() -> list[DemoAccount]:
    """Create (or reset) one login per role; safe to run at every demo start."""
    users: dict[str, User] = {role: _ensure_user(role) for role in UserRole}
    _ensure_consent(users[UserRole.REPRESENTATIVE], users[UserRole.BENEFICIARY])
    _ensure_filings(users)
    screen_all_forms()  # rings and flags over the generated data, for the integrity analyst
    return [
        DemoAccount(
            role=role,
            username=user.username,
            password=DEMO_PASSWORD,
            second_factor=_second_factor(user),
        )
        for role, user in users.items()
    ]
