"""Who may use each URL, keyed by URL name: the table the URL guard test holds the URLconf to."""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus
from typing import Literal

from lifeline.accounts.enums import STAFF_ROLES, UserRole

Kind = Literal["public", "signed_in", "sign_in_step", "roles", "not_served", "admin_site"]


@dataclass(frozen=True)
class Access:
    """Who may use a URL and what everyone else gets.

    `denied_status` is what a signed-in person of another role gets: 403 (the page exists but is
    not theirs), 404 (the project's rule for another person's case, or a page the role never
    sees), or 302 (sent back to their dashboard with a message). Anonymous visitors are always
    sent to sign in (pages) or get 401 (API)."""

    kind: Kind
    roles: frozenset[UserRole] = frozenset()
    denied_status: int = HTTPStatus.FORBIDDEN

    def allows(self, role: UserRole | None) -> bool:
        """Whether a person of this role (None: not signed in) may use the URL."""
        if self.kind in {"public", "sign_in_step"}:
            return True
        if self.kind == "signed_in":
            return role is not None
        return role in self.roles


def only(*roles: UserRole, denied: int = HTTPStatus.FORBIDDEN) -> Access:
    return Access("roles", frozenset(roles), denied)


PUBLIC = Access("public")
# A step of a sign-in under way (code, second factor): open to all; without a sign-in under way
# it sends the visitor back to the sign-in page.
SIGN_IN_STEP = Access("sign_in_step")
ANY_SIGNED_IN = Access("signed_in")
# Answers 404 to everyone outside the demo (or by design, like the API root).
NOT_SERVED = Access("not_served", denied_status=HTTPStatus.NOT_FOUND)
# Django's admin: staff flag (superusers) only; no Lifeline role opens it, all are sent to its
# sign-in page.
ADMIN_SITE = Access("admin_site", denied_status=HTTPStatus.FOUND)

NOT_FOUND = HTTPStatus.NOT_FOUND
BACK_TO_DASHBOARD = HTTPStatus.FOUND

B, S, R = UserRole.BENEFICIARY, UserRole.SUPPORTER, UserRole.REPRESENTATIVE
OFFICER, SUPERVISOR = UserRole.OFFICER, UserRole.SUPERVISOR
ANALYST, ADMINISTRATOR, AUDITOR = (
    UserRole.INTEGRITY_ANALYST,
    UserRole.PROGRAM_ADMINISTRATOR,
    UserRole.AUDITOR,
)
STAFF = tuple(sorted(STAFF_ROLES))
CASE_FILE_READERS = (OFFICER, SUPERVISOR, ANALYST)  # lifeline.intake.access: read every request

SITE: dict[str, Access] = {
    "home": PUBLIC,
    "health": PUBLIC,
    "set_language": PUBLIC,
    "verify": PUBLIC,
    "verify_code": PUBLIC,
    # The applicant's own notice, and case staff's copy; another person's answers not found.
    "notice_pdf": only(B, R, *CASE_FILE_READERS, denied=NOT_FOUND),
}

# allauth: signing in, up and out, e-mail and password, second factor.
ACCOUNTS: dict[str, Access] = {
    "account_login": PUBLIC,
    "account_signup": PUBLIC,
    "account_logout": PUBLIC,
    "account_inactive": PUBLIC,
    "account_email_verification_sent": PUBLIC,
    "account_confirm_email": PUBLIC,
    "account_confirm_login_code": SIGN_IN_STEP,
    "account_reset_password": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "account_reset_password_from_key": PUBLIC,
    "account_reset_password_from_key_done": PUBLIC,
    "mfa_authenticate": SIGN_IN_STEP,
    "account_confirm_reauthentication_code": ANY_SIGNED_IN,
    "account_email": ANY_SIGNED_IN,
    "account_change_password": ANY_SIGNED_IN,
    "account_set_password": ANY_SIGNED_IN,
    "mfa_index": ANY_SIGNED_IN,
    # Reauthentication and authenticators: staff (who must hold TOTP). Public accounts have no
    # authenticator, so allauth answers 403 (nothing to reauthenticate or set up) or 404.
    "account_reauthenticate": only(*STAFF),
    "account_request_reauthentication_code": only(*STAFF),
    "mfa_reauthenticate": only(*STAFF),
    "mfa_activate_totp": only(*STAFF),
    "mfa_generate_recovery_codes": only(*STAFF),
    "mfa_deactivate_totp": only(*STAFF, denied=NOT_FOUND),
    "mfa_view_recovery_codes": only(*STAFF, denied=NOT_FOUND),
    "mfa_download_recovery_codes": only(*STAFF, denied=NOT_FOUND),
}

API: dict[str, Access] = {
    "api-v1:api-root": NOT_SERVED,
    "^api/v1/(?P<rest>.*)$": NOT_SERVED,  # unnamed: any other address under the API
    "api-v1:openapi-json": PUBLIC,
    "api-v1:openapi-view": PUBLIC,
    "api-v1:list_programs": PUBLIC,
    "api-v1:get_me": ANY_SIGNED_IN,
    "api-v1:check_eligibility": ANY_SIGNED_IN,
    "api-v1:check_pathways": ANY_SIGNED_IN,  # offline answer, nothing saved
    "api-v1:list_requests": ANY_SIGNED_IN,  # lists only what the caller may see
    "api-v1:list_my_declarations": ANY_SIGNED_IN,
    "api-v1:list_declarations_naming_me": ANY_SIGNED_IN,
    "api-v1:create_request": only(B, S, R),
    "api-v1:get_request": only(B, R, *CASE_FILE_READERS, denied=NOT_FOUND),
    "api-v1:get_request_timeline": only(B, R, *CASE_FILE_READERS, denied=NOT_FOUND),
    "api-v1:list_evidence": only(B, R, *CASE_FILE_READERS, denied=NOT_FOUND),
    "api-v1:submit_request": only(B, R, denied=NOT_FOUND),
    "api-v1:add_evidence": only(B, R, denied=NOT_FOUND),
    "api-v1:declare_support": only(S),
    "api-v1:confirm_declaration": only(B, denied=NOT_FOUND),
    "api-v1:review_draft": only(ADMINISTRATOR),
    "api-v1:publish": only(ADMINISTRATOR),
}

PORTAL: dict[str, Access] = {
    "portal:accessibility": PUBLIC,
    "portal:dashboard": ANY_SIGNED_IN,  # staff are sent on to their own home page
    "portal:demo_mailbox": NOT_SERVED,
    "portal:declare": only(S, denied=BACK_TO_DASHBOARD),
    "portal:declare_step": only(S, denied=BACK_TO_DASHBOARD),
    "portal:declaration": only(S, B, denied=NOT_FOUND),  # its supporter and the named beneficiary
    "portal:declaration_upload": only(S, denied=NOT_FOUND),
    "portal:declaration_confirm": only(B, denied=NOT_FOUND),
    "portal:declaration_withdraw": only(S, denied=NOT_FOUND),
    "portal:program_before": PUBLIC,
    "portal:request_start": only(B, R, denied=BACK_TO_DASHBOARD),
    "portal:request_step": only(B, R, denied=BACK_TO_DASHBOARD),
    "portal:request": only(B, R, *CASE_FILE_READERS, denied=NOT_FOUND),
    "portal:request_submit": only(B, R, denied=NOT_FOUND),
    "portal:request_upload": only(B, R, denied=NOT_FOUND),
    "portal:request_family": only(B, R, denied=NOT_FOUND),
    "portal:request_notice": only(B, R, *CASE_FILE_READERS, denied=NOT_FOUND),
    "portal:consents": only(B, S, denied=NOT_FOUND),  # a client names a representative
    "portal:consent_revoke": only(B, S, denied=NOT_FOUND),
    "portal:clients": only(R, denied=NOT_FOUND),
}

# The officer workspace answers "no such page" to every other role.
WORKSPACE: dict[str, Access] = {
    "workspace:queue": only(OFFICER, SUPERVISOR, denied=NOT_FOUND),
    "workspace:take_next": only(OFFICER, SUPERVISOR, denied=NOT_FOUND),
    "workspace:workload": only(OFFICER, SUPERVISOR, denied=NOT_FOUND),
    "workspace:signoff": only(SUPERVISOR, denied=NOT_FOUND),
    "workspace:terminations": only(SUPERVISOR, denied=NOT_FOUND),
    "workspace:case": only(OFFICER, SUPERVISOR, denied=NOT_FOUND),
    "workspace:decide": only(OFFICER, SUPERVISOR, denied=NOT_FOUND),
    "workspace:second_review": only(OFFICER, SUPERVISOR, denied=NOT_FOUND),
    "workspace:request_evidence": only(OFFICER, SUPERVISOR, denied=NOT_FOUND),
    "workspace:evidence_file": only(OFFICER, SUPERVISOR, denied=NOT_FOUND),
    "workspace:expedite": only(
        OFFICER, SUPERVISOR, denied=NOT_FOUND
    ),  # officers ask, supervisors decide
    "workspace:assign": only(SUPERVISOR, denied=NOT_FOUND),
    "workspace:route": only(SUPERVISOR, denied=NOT_FOUND),
    "workspace:withdraw_by_program": only(SUPERVISOR, denied=NOT_FOUND),
    "workspace:parole": only(OFFICER, SUPERVISOR, denied=NOT_FOUND),
}

ANALYTICS: dict[str, Access] = {
    name: only(SUPERVISOR, ADMINISTRATOR)
    for name in (
        "analytics:operations",
        "analytics:export",
        "analytics:operations_refresh",
        "analytics:forecast",
        "analytics:consistency",
        "analytics:consistency_refresh",
        "analytics:reasons",
        "analytics:reasons_csv",
        "analytics:program_versions",
    )
}

INTEGRITY: dict[str, Access] = {
    "integrity:flags": only(ANALYST, SUPERVISOR),  # supervisors read
    "integrity:flag": only(ANALYST, SUPERVISOR),
    "integrity:ring": only(ANALYST, SUPERVISOR),
    "integrity:identity": only(ANALYST, SUPERVISOR),
    "integrity:decide": only(ANALYST),  # only analysts write
    "integrity:merge": only(ANALYST),
    "integrity:split": only(ANALYST),
}

# A parolee's options page follows the request's own rule: another person's is "not found";
# a supervisor, who reads case files, opens it from the cohort of paroles ending (ADR 0248).
PATHWAYS: dict[str, Access] = {
    "pathways:parolee": only(B, R, SUPERVISOR, denied=NOT_FOUND),
    "pathways:clients": only(R, denied=NOT_FOUND),
    "pathways:cohort": only(SUPERVISOR, ADMINISTRATOR, denied=NOT_FOUND),
    "pathways:cohort_csv": only(SUPERVISOR, ADMINISTRATOR, denied=NOT_FOUND),
    "pathways:cohort_people_csv": only(SUPERVISOR, ADMINISTRATOR, denied=NOT_FOUND),
    "pathways:timeline": only(ADMINISTRATOR, denied=NOT_FOUND),
    "pathways:timeline_change": only(ADMINISTRATOR, denied=NOT_FOUND),
}

AUDIT: dict[str, Access] = {
    "audit:event_list": only(AUDITOR),
    "audit:event_detail": only(AUDITOR),
}

ADMIN: dict[str, Access] = {
    # Sends visitors to the one sign-in with the second factor (ADR 0053); no role is let in.
    "admin:login": only(),
    "admin:logout": PUBLIC,
}

URL_ACCESS: dict[str, Access] = {
    **SITE,
    **ACCOUNTS,
    **API,
    **PORTAL,
    **WORKSPACE,
    **ANALYTICS,
    **INTEGRITY,
    **PATHWAYS,
    **AUDIT,
    **ADMIN,
}

# Every URL in these namespaces, named or not, follows one rule.
NAMESPACE_ACCESS: dict[str, Access] = {"admin": ADMIN_SITE}


def access_for(key: str, *, namespace: str = "") -> Access | None:
    """The rule for a URL name (or an unnamed route's pattern) in its namespace; None when it
    is not declared."""
    return URL_ACCESS.get(key) or NAMESPACE_ACCESS.get(namespace)
