"""The page logic shared by the step-by-step forms: steps, review, then one service call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from lifeline.core.errors import DomainError
from lifeline.core.local_formats import format_date_local, format_number_local
from lifeline.portal.errors import explain
from lifeline.portal.wizard import Wizard

REVIEW = "review"


MASKED_FIELDS = frozenset({"ssn"})


def _display(form: forms.Form, name: str, value: Any) -> str:
    field = form.fields[name]
    if name in MASKED_FIELDS and value:
        return "•••-••-" + str(value)[-4:]
    if isinstance(value, int) and not isinstance(value, bool):
        return format_number_local(value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return format_date_local(value)
    if isinstance(field, forms.ChoiceField):
        choices: list[tuple[Any, Any]] = list(cast(Any, field).choices)
        labels = {str(key): str(label) for key, label in choices}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(item), str(item)) for item in values if item != "")
    return "" if value is None else str(value)


def summary(form: forms.Form) -> list[tuple[str, str]]:
    """(label, answer) for every visible field, answers in the reader's words; a form with
    `summary_rows` words its own answers (e.g. a date or "I don't know" as one line)."""
    rows = getattr(form, "summary_rows", None)
    if rows is not None:
        own: list[tuple[str, str]] = rows()
        return own
    return [
        (str(field.label), _display(form, field.name, form.cleaned_data.get(field.name)))
        for field in form.visible_fields()
    ]


def run_wizard(
    http: HttpRequest,
    wizard: Wizard,
    *,
    step: str,
    url_name: str,
    title: str | Promise,
    finish: Callable[[dict[str, dict[str, Any]]], HttpResponse],
    submit_label: str | Promise,
    url_kwargs: dict[str, Any] | None = None,
    form_kwargs: dict[str, Any] | None = None,
    intro: str | Promise = "",
    checklist: Callable[[dict[str, dict[str, Any]]], list[str]] | None = None,
) -> HttpResponse:
    url_kwargs, form_kwargs = url_kwargs or {}, form_kwargs or {}

    def go(name: str) -> HttpResponse:
        response: HttpResponse = redirect(url_name, step=name, **url_kwargs)
        return response

    if not step:
        if http.GET.get("restart"):
            wizard.reset()
        # A saved draft resumes at its first unanswered step (or at the review).
        _answers, _bound, first_missing = wizard.cleaned(**form_kwargs)
        return go(first_missing.name if first_missing else REVIEW)
    asked = wizard.asked_steps(**form_kwargs)
    context: dict[str, Any] = {
        "title": title,
        "intro": intro,
        "steps": asked,
        "url_name": url_name,
        "url_kwargs": url_kwargs,
    }
    if step == REVIEW:
        answers, bound, missing = wizard.cleaned(**form_kwargs)
        if missing is not None:
            return go(missing.name)
        if http.method == "POST":
            try:
                response = finish(answers)
            except DomainError as error:
                messages.error(http, explain(error))
            else:
                wizard.reset()
                return response
        answered = [s for s in wizard.steps if s.name in answers]
        sections = [(s.title, s.name, summary(f)) for s, f in zip(answered, bound, strict=True)]
        context.update(
            sections=sections,
            submit_label=submit_label,
            current_index=len(asked),
            checklist=checklist(answers) if checklist else [],
        )
        return render(http, "portal/wizard_review.html", context)
    current = wizard.step(step)
    if current is None:
        raise Http404
    earlier, _bound, missing = wizard.cleaned(until=current.name, **form_kwargs)
    if missing is not None:
        return go(missing.name)
    if not current.is_asked(earlier):
        # Not asked on the answers given (e.g. since when a person not here has lived here).
        _answers, _bound, first_missing = wizard.cleaned(**form_kwargs)
        return go(first_missing.name if first_missing else REVIEW)
    data = http.POST if http.method == "POST" else None
    form = wizard.form(current, data, context=earlier, **form_kwargs)
    if data is not None:
        # Kept even when refused: the draft then holds everything typed, and resuming it
        # stops at this step, the first one not complete.
        wizard.store(current, http.POST)
        if form.is_valid():
            following = wizard.next(current.name, **form_kwargs)
            return go(following.name if following else REVIEW)
    previous = wizard.previous(current.name, **form_kwargs)
    context.update(
        form=form,
        step=current,
        current_index=[item.name for item in asked].index(current.name),
        previous=previous,
        status=400 if data is not None else 200,
    )
    return render(http, "portal/wizard_step.html", context, status=context["status"])
