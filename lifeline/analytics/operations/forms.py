"""The operations dashboard's filters: program, office, urgency and a date range (GET)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lifeline.analytics.operations.dashboard import DashboardFilters
from lifeline.triage.enums import UrgencyLevel


class OperationsFilterForm(forms.Form):
    program = forms.ChoiceField(label=_("Program"), required=False)
    office = forms.ChoiceField(label=_("Office"), required=False)
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        required=False,
        choices=[("", _("Any urgency")), *UrgencyLevel.choices],
    )
    date_from = forms.DateField(
        label=_("From (YYYY-MM-DD)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To (YYYY-MM-DD)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, programs: list[str], offices: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        program_field = self.fields["program"]
        office_field = self.fields["office"]
        assert isinstance(program_field, forms.ChoiceField)
        assert isinstance(office_field, forms.ChoiceField)
        program_field.choices = [("", _("All programs")), *((p, p) for p in programs)]
        office_field.choices = [("", _("All offices")), *((o, o) for o in offices)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date must be on or before the end date."))
        return cleaned

    def filters(self) -> DashboardFilters:
        """The valid filters; call after `is_valid()`."""
        data = self.cleaned_data
        return DashboardFilters(
            program=data.get("program") or "",
            office=data.get("office") or "",
            urgency=data.get("urgency") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
