"""Every URL in the URLconf is declared in config.url_access, and each role (anonymous included)
is let in or turned away exactly as that table says."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from allauth.account.internal.flows.login import record_authentication
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from config.api import api
from config.url_access import URL_ACCESS, Access, access_for
from lifeline.accounts.enums import STAFF_ROLES, UserRole
from lifeline.accounts.mfa import ensure_totp_secret
from lifeline.accounts.models import RepresentationConsent, User
from lifeline.intake.tests.factories import make_request, make_user
from lifeline.pathways.models import TimelineChange

ROLES: list[UserRole | None] = [None, *UserRole]
REFUSALS = {302, 403, 404}
PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


@dataclass(frozen=True)
class Route:
    key: str  # namespace:name, or the route pattern when it has no name
    namespace: str
    route: str


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace or "") if part)
            yield from _walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            if route.startswith(("static/", "media/")):
                continue
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield Route(name or route, namespace, route)


ROUTES = list(_walk(get_resolver().url_patterns))


def _api_methods() -> dict[str, set[str]]:
    methods: dict[str, set[str]] = {}
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                methods[f"api-v1:{operation.view_func.__name__}"] = set(operation.methods)
    return methods


API_METHODS = _api_methods()


def test_every_url_is_declared_in_the_access_table() -> None:
    undeclared = [r.key for r in ROUTES if access_for(r.key, namespace=r.namespace) is None]
    assert undeclared == []


def test_the_access_table_names_only_urls_that_exist() -> None:
    assert sorted(set(URL_ACCESS) - {r.key for r in ROUTES}) == []


# --- one shared world for the module: a user per role, and objects each allowed role can reach


@dataclass
class World:
    users: dict[UserRole, User]
    values: dict[str, str]  # URL parameter -> value, by parameter name
    stored_files: list[str]


def _build_world() -> World:
    users = {role: make_user(role, office="") for role in UserRole}
    beneficiary, representative = users[UserRole.BENEFICIARY], users[UserRole.REPRESENTATIVE]
    RepresentationConsent.objects.create(
        representative=representative, client=beneficiary, granted_at=timezone.now()
    )
    consent = RepresentationConsent.objects.get()
    request = make_request(status="draft", filed_by=beneficiary, representative=representative)
    evidence = request.evidence.create(
        kind="passport",
        original_filename="passport.pdf",
        content_type="application/pdf",
        size_bytes=8,
        sha256="0" * 64,
        storage_name=default_storage.save("evidence/url-guard.pdf", ContentFile(b"%PDF-1.4")),
        scan_status="clean",
        uploaded_by=beneficiary,
    )
    # A reviewed timeline change the program administrator's page opens (reviewed against a
    # timeline no longer in force, so no role's visit can publish it).
    TimelineChange.objects.create(
        version="9999-01",
        title="A timeline change under review",
        file_sha256="0" * 64,
        source_yaml="",
        replaces="timeline-2000-01-01",
        status="reviewed",
        reviewed_by=users[UserRole.PROGRAM_ADMINISTRATOR],
        reviewed_at=timezone.now(),
    )
    values = {
        "reference": request.reference,
        "evidence_id": str(evidence.pk),
        "consent_id": str(consent.pk),
        "notice_id": "999999",
        "code": "NOSUCHCODE",
        "flag_id": "999999",
        "ring_id": "999999",
        "identity_id": "999999",
        "event_id": "999999",
        "table": "backlog",
        "program": "general",
        "file_format": "csv",
        "step": "beneficiary",
        "version": "9999-01",
        "object_id": "1",
        "content_type_id": "1",
        "key": "no-such-key",
        "uidb36": "1",
        "rest": "no-such-endpoint",
        "url": "no-such-page/",
        "app_label": "auth",
    }
    return World(users=users, values=values, stored_files=[evidence.storage_name])


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    with django_db_blocker.unblock(), transaction.atomic():
        built = _build_world()
        yield built
        transaction.set_rollback(True)
    for name in built.stored_files:
        default_storage.delete(name)


def _client(world: World, role: UserRole | None) -> Client:
    client = Client()
    if role is None:
        return client
    user = world.users[role]
    if role in STAFF_ROLES:
        ensure_totp_secret(user)
    client.force_login(user)
    if role in STAFF_ROLES:  # signed in with the second factor, as the MFA middleware requires
        request = RequestFactory().get("/")
        request.session = client.session
        record_authentication(request, user, "password", username=user.username)
        record_authentication(request, user, "mfa", type="totp")
        request.session.save()
    return client


def _path(route: Route, world: World) -> str:
    def fill(match: re.Match[str]) -> str:
        return world.values[match.group(1) or match.group(2)]

    return "/" + PARAM.sub(fill, route.route).replace("^", "").replace("$", "")


def _is_sign_in(response: Any) -> bool:
    location = response.get("Location", "")
    return response.status_code == 302 and (
        location.startswith(reverse("account_login")) or location.startswith("/admin/login/")
    )


# URLs whose allowed side needs objects this module does not build (a parole record, a
# published notice, integrity findings, an audit event, a program version under review): for
# them only the denial side is asserted; the app's own tests cover the allowed side.
DENIAL_ONLY = {
    "workspace:parole",
    "notice_pdf",
    "verify_code",
    "portal:request_notice",
    "integrity:flag",
    "integrity:decide",
    "integrity:ring",
    "integrity:identity",
    "integrity:merge",
    "integrity:split",
    "audit:event_detail",
    "api-v1:publish",
    "api-v1:confirm_declaration",
    "portal:declaration",
    "portal:declaration_upload",
    "portal:declaration_confirm",
    "portal:declaration_withdraw",
    # A representative starts a request for a named client (?client=); without one, 404.
    "portal:request_start",
    "portal:request_step",
    # No recovery codes are generated here.
    "mfa_view_recovery_codes",
    "mfa_download_recovery_codes",
}

# Pages that answer anonymous visitors "not found" rather than sending them to sign in.
ANONYMOUS_NOT_FOUND = {"notice_pdf"}


def _cases() -> Iterator[Any]:
    for route in ROUTES:
        for role in ROLES:
            yield pytest.param(route, role, id=f"{route.key}|{role or 'anonymous'}")


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "role"), list(_cases()))
def test_each_role_is_let_in_or_turned_away_as_declared(
    world: World, route: Route, role: UserRole | None, settings: Any
) -> None:
    settings.LIFELINE_STAFF_MFA_REQUIRED = True
    access = access_for(route.key, namespace=route.namespace)
    assert access is not None
    client = _client(world, role)
    path = _path(route, world)
    is_api = route.key.startswith("api-v1:")
    methods = API_METHODS.get(route.key, {"GET"})
    method = "GET" if "GET" in methods else "POST"
    if method == "POST" and is_api:  # an empty JSON body with its Idempotency-Key
        response = client.post(
            path, "{}", content_type="application/json", HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex
        )
    else:
        response = client.get(path) if method == "GET" else client.post(path, {})
    if response.status_code == 405 and method == "GET":
        method, response = "POST", client.post(path, {})
    status = response.status_code
    assert status < 500, f"{method} {path} as {role}: {status}"
    _check(access, route, role, method, is_api, response)


def _check(
    access: Access, route: Route, role: UserRole | None, method: str, is_api: bool, response: Any
) -> None:
    status = response.status_code
    where = (
        f"{method} {route.key} as {role or 'anonymous'}: {status} {response.get('Location', '')}"
    )
    if access.kind == "not_served":
        assert status == 404, where
    elif access.kind == "sign_in_step":
        assert status not in {401, 403, 404}, where
    elif access.allows(role):
        assert status not in {401, 403} and not _is_sign_in(response), where
        if route.key not in DENIAL_ONLY:
            assert status != 404, where
    elif role is None and route.key in ANONYMOUS_NOT_FOUND:
        assert status == 404, where
    elif role is None:
        assert (status == 401) if is_api else _is_sign_in(response), where
    elif access.kind == "admin_site":
        assert _is_sign_in(response), where
    elif method == "POST":
        # An empty POST must be refused; the API validates a body before the role (400, 422).
        assert status in (REFUSALS | {400, 422} if is_api else REFUSALS), where
        assert not _is_sign_in(response), where
    else:
        assert status == access.denied_status and not _is_sign_in(response), where
