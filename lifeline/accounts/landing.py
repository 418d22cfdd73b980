"""Where each role starts after signing in, and the staff pages each role's menu links to."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User

StrOrPromise = str | Promise

# (label, URL name) per staff role, the first being the role's home. URL names are reversed at
# request time: the pages live in higher layers.
STAFF_PAGES: dict[str, list[tuple[StrOrPromise, str]]] = {
    UserRole.OFFICER: [(_("Case queue"), "workspace:queue")],
    UserRole.SUPERVISOR: [
        (_("Case queue"), "workspace:queue"),
        (_("Sign-off queue"), "workspace:signoff"),
        (_("Analytics"), "analytics:operations"),
        (_("Integrity flags"), "integrity:flags"),
    ],
    UserRole.INTEGRITY_ANALYST: [(_("Integrity flags"), "integrity:flags")],
    UserRole.PROGRAM_ADMINISTRATOR: [
        (_("Analytics"), "analytics:operations"),
        (_("Draft program versions"), "analytics:program_versions"),
    ],
    UserRole.AUDITOR: [(_("Audit trail"), "audit:event_list")],
}
HOME_FOR_ROLE: dict[str, str] = {role: pages[0][1] for role, pages in STAFF_PAGES.items()}
PUBLIC_HOME = "portal:dashboard"


def home_url_for(user: User) -> str:
    """The first page for this user's role."""
    return reverse(HOME_FOR_ROLE.get(user.role, PUBLIC_HOME))


def staff_menu(http: HttpRequest) -> dict[str, Any]:
    """Template context: `staff_links`, the menu of a signed-in staff member (else empty)."""
    user = getattr(http, "user", None)
    pages = STAFF_PAGES.get(user.role, []) if isinstance(user, User) else []
    return {"staff_links": [{"label": label, "url": reverse(name)} for label, name in pages]}
