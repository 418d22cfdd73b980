"""The consistency page's period choice (GET): by quarter, by year, all together or a range."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lifeline.analytics.consistency.periods import (
    ALL_TIME,
    DATE_RANGE,
    DEFAULT_PERIOD,
    QUARTER,
    YEAR,
    ConsistencyPeriod,
)
from lifeline.analytics.errors import DecisionTableInvalid


class ConsistencyPeriodForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Compare decisions of the same office"),
        choices=[
            (QUARTER, _("in the same quarter")),
            (YEAR, _("in the same year")),
            (ALL_TIME, _("at any time")),
            (DATE_RANGE, _("between the dates below")),
        ],
        initial=DEFAULT_PERIOD.scheme,
    )
    date_from = forms.DateField(
        label=_("From (YYYY-MM-DD)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To (YYYY-MM-DD)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        scheme = cleaned.get("period")
        if scheme is None:
            return cleaned
        is_range = scheme == DATE_RANGE
        if is_range and not (cleaned.get("date_from") and cleaned.get("date_to")):
            raise forms.ValidationError(_("A date range needs both a start and an end date."))
        try:
            cleaned["choice"] = ConsistencyPeriod(
                scheme=scheme,
                starts_on=cleaned.get("date_from") if is_range else None,
                ends_on=cleaned.get("date_to") if is_range else None,
            )
        except DecisionTableInvalid:
            raise forms.ValidationError(
                _("The start date must be on or before the end date.")
            ) from None
        return cleaned

    def chosen_period(self) -> ConsistencyPeriod:
        """The valid choice; call after `is_valid()`."""
        choice = self.cleaned_data["choice"]
        assert isinstance(choice, ConsistencyPeriod)
        return choice


def period_query(period: ConsistencyPeriod) -> dict[str, str]:
    """The GET parameters that choose `period` on the page."""
    query = {"period": period.scheme}
    if period.starts_on is not None and period.ends_on is not None:
        query.update(date_from=period.starts_on.isoformat(), date_to=period.ends_on.isoformat())
    return query
