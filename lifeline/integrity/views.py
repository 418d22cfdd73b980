"""Integrity pages: the flag queue, a flag with its evidence and decision, rings, identities."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lifeline.accounts.enums import UserRole
from lifeline.core.errors import DomainError
from lifeline.integrity import selectors, services
from lifeline.integrity.access import can_work_flags, integrity_page, page_user
from lifeline.integrity.forms import DecisionForm, MergeForm, SplitForm
from lifeline.integrity.identity import services as services_identities
from lifeline.integrity.models import FlagStatus, IntegrityFlag
from lifeline.integrity.rings.graph import ring_graph
from lifeline.integrity.screening.rules import FLAG_RULES, describe


def _analyst_only(http: HttpRequest) -> None:
    """Supervisors read integrity pages; only analysts write."""
    if not can_work_flags(page_user(http)):
        raise Forbidden("Only an integrity analyst may do that.")


def _queue_filters(http: HttpRequest) -> dict[str, str]:
    rule = http.GET.get("rule", "")
    status = http.GET.get("status", FlagStatus.OPEN)
    return {
        "rule": rule if rule in FLAG_RULES else "",
        "status": status if status in FlagStatus.values else "",
        "program": http.GET.get("program", "")[:40],
    }


@require_GET
@integrity_page
def flag_queue(http: HttpRequest) -> HttpResponse:
    filters = _queue_filters(http)
    flags = selectors.list_flags(**{k: v or None for k, v in filters.items()})
    return render(
        http,
        "integrity/queue.html",
        {
            "rows": [
                (flag, describe(flag.rule_code), selectors.evidence_summary(flag)) for flag in flags
            ],
            "filters": filters,
            "rules": sorted(FLAG_RULES),
            "statuses": FlagStatus.choices,
            "programs": selectors.list_flag_programs(),
            "counts": selectors.count_flags_by_status(),
            "limit": selectors.QUEUE_LIMIT,
        },
    )


def _flag_or_404(flag_id: int) -> IntegrityFlag:
    flag = selectors.get_flag(flag_id)
    if flag is None:
        raise Http404("No such flag.")
    return flag


def _render_flag(
    http: HttpRequest, flag: IntegrityFlag, form: DecisionForm, status: int = 200
) -> HttpResponse:
    supporter = flag.declaration.supporter if flag.declaration else None
    context: dict[str, Any] = {
        "flag": flag,
        "description": describe(flag.rule_code),
        "summary": selectors.evidence_summary(flag),
        "evidence": [
            (name, ", ".join(map(str, value)) if isinstance(value, list) else str(value))
            for name, value in sorted((flag.evidence or {}).items())
        ],
        "requests": selectors.requests_of_flag(flag),
        "identity": selectors.identity_of_person(supporter.pk) if supporter else None,
        "can_decide": can_work_flags(page_user(http)) and flag.status == FlagStatus.OPEN,
        "can_open_cases": page_user(http).role == UserRole.SUPERVISOR,
        "form": form,
    }
    return render(http, "integrity/flag.html", context, status=status)


@require_GET
@integrity_page
def flag_detail(http: HttpRequest, flag_id: int) -> HttpResponse:
    return _render_flag(http, _flag_or_404(flag_id), DecisionForm())


@require_POST
@integrity_page
def decide(http: HttpRequest, flag_id: int) -> HttpResponse:
    _analyst_only(http)
    flag = _flag_or_404(flag_id)
    form = DecisionForm(http.POST)
    if not form.is_valid():
        return _render_flag(http, flag, form, status=400)
    try:
        decided = services.decide_flag(
            actor=page_user(http),
            flag_id=flag.pk,
            confirm=form.cleaned_data["decision"] == "confirm",
            reason=form.cleaned_data["reason"],
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return _render_flag(http, flag, form, status=error.http_status)
    confirmed = decided.status == FlagStatus.CONFIRMED
    messages.success(http, _("Flag confirmed.") if confirmed else _("Flag dismissed."))
    return redirect("integrity:flag", flag_id=flag.pk)


@require_GET
@integrity_page
def ring_detail(http: HttpRequest, ring_id: int) -> HttpResponse:
    ring = selectors.get_ring(ring_id)
    if ring is None:
        raise Http404("No such ring.")
    return render(
        http,
        "integrity/ring.html",
        {
            "ring": ring,
            "graph": ring_graph(ring),
            "flags": ring.flags.order_by("-score", "pk")[:100],
        },
    )


def _render_identity(
    http: HttpRequest, identity_id: int, merge_form: MergeForm | None = None,
    split_form: SplitForm | None = None, status: int = 200,
) -> HttpResponse:  # fmt: skip
    identity = selectors.get_identity(identity_id)
    if identity is None:
        raise Http404("No such identity.")
    members = selectors.list_identity_members(identity)
    choices = [(m["person"].pk, str(m["person"])) for m in members]
    context = {
        "identity": identity,
        "members": members,
        "can_edit": can_work_flags(page_user(http)),
        "merge_form": merge_form or MergeForm(prefix="merge"),
        "split_form": split_form or SplitForm(choices=choices, prefix="split"),
    }
    return render(http, "integrity/identity.html", context, status=status)


@require_GET
@integrity_page
def identity_detail(http: HttpRequest, identity_id: int) -> HttpResponse:
    return _render_identity(http, identity_id)


@require_POST
@integrity_page
def merge(http: HttpRequest, identity_id: int) -> HttpResponse:
    _analyst_only(http)
    form = MergeForm(http.POST, prefix="merge")
    if form.is_valid():
        try:
            services_identities.merge_identities(
                actor=page_user(http), keep_id=identity_id,
                merge_ids=[form.cleaned_data["other"]], reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(http, _("The identities are merged."))
            return redirect("integrity:identity", identity_id=identity_id)
    return _render_identity(http, identity_id, merge_form=form, status=400)


@require_POST
@integrity_page
def split(http: HttpRequest, identity_id: int) -> HttpResponse:
    _analyst_only(http)
    identity = selectors.get_identity(identity_id)
    if identity is None:
        raise Http404("No such identity.")
    choices = [
        (m["person"].pk, str(m["person"])) for m in selectors.list_identity_members(identity)
    ]
    form = SplitForm(http.POST, choices=choices, prefix="split")
    if form.is_valid():
        try:
            target = services_identities.split_identity(
                actor=page_user(http), identity_id=identity_id,
                person_ids=form.cleaned_data["people"], reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                http, _("The people are split into identity %(n)s.") % {"n": target.pk}
            )
            return redirect("integrity:identity", identity_id=target.pk)
    return _render_identity(http, identity_id, split_form=form, status=400)
