"""Filters for portal pages: USWDS classes on form widgets; dates, amounts, program words."""

from __future__ import annotations

import datetime as dt

from django import forms, template
from django.forms.boundfield import BoundField
from django.forms.widgets import Input
from django.utils.html import format_html
from django.utils.safestring import SafeString

from lifeline.core import local_formats
from lifeline.portal import choices
from lifeline.portal.evidence_words import evidence_html

register = template.Library()

_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (forms.CheckboxInput, "usa-checkbox__input"),
    (forms.Select, "usa-select"),
    (forms.Textarea, "usa-textarea"),
    (forms.FileInput, "portal-file"),
    (Input, "usa-input"),
]


def _widget_class(widget: forms.Widget) -> str:
    return next((css for kind, css in _CLASSES if isinstance(widget, kind)), "")


@register.filter
def uswds(field: BoundField) -> SafeString:
    """The field's widget with USWDS classes, its hint and error linked for screen readers."""
    widget = field.field.widget
    css = _widget_class(widget)
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    attrs: dict[str, str | bool] = {}
    if field.errors:
        described.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
        if css in {"usa-input", "usa-select", "usa-textarea"}:
            css += f" {css}--error"
    if css:
        attrs["class"] = css
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def field_kind(field: BoundField) -> str:
    """How the field include lays a field out: choices, checkbox, date or plain."""
    widget = field.field.widget
    if getattr(widget, "is_memorable_date", False):
        return "date"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "plain"


@register.filter(expects_localtime=True)
def local_date(value: dt.date | dt.datetime | None) -> str:
    """The day as the reader writes it; a moment is first put in the portal's time zone, as
    Django's own `date` and `time` filters do, so a day and a time shown together agree."""
    return local_formats.format_date_local(value)


@register.filter(expects_localtime=True)
def solar_hijri(value: dt.date | dt.datetime | None) -> str:
    """The Solar Hijri date alone, e.g. 24 Asad 1400 in Dari or Pashto month names."""
    return local_formats.format_solar_hijri(value)


@register.filter
def local_number(value: int | float | None) -> str:
    return local_formats.format_number_local(value)


@register.filter
def usd(value: int | None) -> str:
    return local_formats.format_usd_local(value)


@register.filter
def program_label(program: str) -> str:
    return choices.program_name(program)


@register.filter
def declaration_state(status: str) -> str:
    return str(choices.DECLARATION_STATUSES.get(status, status))


@register.filter
def request_state(status: str) -> str:
    return str(choices.REQUEST_STATUSES.get(status, status))


@register.filter
def outcome_label(outcome: str) -> str:
    return str(choices.OUTCOME_LABELS.get(outcome, outcome))


@register.filter
def notice_label(kind: str) -> str:
    return str(choices.NOTICE_KINDS.get(kind, kind))


@register.filter
def ltr(value: object) -> SafeString:
    """A reference, number or code kept left to right inside right-to-left text."""
    return format_html('<bdi dir="ltr">{}</bdi>', value)


@register.filter
def ltr_text(value: object) -> str:
    """The same for plain text (page titles): left-to-right isolate marks around the value."""
    return f"\u2066{value}\u2069"


@register.filter
def evidence_label(label: str) -> SafeString:
    """A program's evidence name in the reader's language, or in English marked as such."""
    return evidence_html(label)
