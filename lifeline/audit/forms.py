"""The auditor's search form: case reference, person id, actor username, action, dates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from lifeline.audit.actions import AuditAction


class AuditSearchForm(forms.Form):
    case_reference = forms.CharField(
        label=_("Case reference"),
        required=False,
        max_length=64,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9_.:\-]*$",
                _("Use letters, digits and . _ : - only, as in IOE0912345678."),
            )
        ],
    )
    person_id = forms.IntegerField(
        label=_("Person id"), required=False, min_value=1, max_value=2**63 - 1
    )
    actor = forms.CharField(label=_("Actor username"), required=False, max_length=150)
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("Any action")), *((a.value, a.value) for a in sorted(AuditAction))],
    )
    occurred_from = forms.DateField(
        label=_("From (UTC date)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    occurred_until = forms.DateField(
        label=_("Until (UTC date, inclusive)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # drawn as the site's other staff forms are
            is_choice = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "usa-select" if is_choice else "usa-input"

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("occurred_from"), cleaned.get("occurred_until")
        if start and end and start > end:
            self.add_error("occurred_until", _("The end date comes before the start date."))
        return cleaned
