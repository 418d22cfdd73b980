"""The forecast page's what-if form: staffing, decision rate, arrivals change, program, horizon."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lifeline.analytics.forecast.inputs import WhatIf
from lifeline.analytics.forecast.model import MAX_HORIZON_DAYS
from lifeline.triage.selectors import get_program_title

INTERVAL_CHOICES = [("0.8", _("80%")), ("0.9", _("90%"))]


class WhatIfForm(forms.Form):
    """Every field optional: an empty field keeps what the last weeks showed."""

    program = forms.ChoiceField(label=_("Program"), required=False)
    officers = forms.FloatField(
        label=_("Officers"),
        required=False,
        min_value=0,
        max_value=100000,
        help_text=_("Empty: the active officers (for one program, their share of its decisions)."),
    )
    decisions_per_officer_per_day = forms.FloatField(
        label=_("Decisions per officer per day"),
        required=False,
        min_value=0,
        max_value=500,
        help_text=_("Empty: the rate of the last weeks."),
    )
    arrivals_change_percent = forms.FloatField(
        label=_("Change in arrivals (%)"),
        required=False,
        min_value=-100,
        max_value=1000,
        help_text=_("For example 20 for a fifth more requests a day, -50 for half as many."),
    )
    horizon_days = forms.IntegerField(
        label=_("Horizon (days)"), required=False, min_value=7, max_value=MAX_HORIZON_DAYS
    )
    interval_level = forms.ChoiceField(
        label=_("Interval"), choices=INTERVAL_CHOICES, required=False
    )

    def __init__(self, *args: object, programs: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        program = self.fields["program"]
        assert isinstance(program, forms.ChoiceField)
        program.choices = [
            ("", _("All programs")),
            *sorted(((code, get_program_title(code)) for code in programs), key=lambda c: c[1]),
        ]

    @staticmethod
    def defaults() -> WhatIf:
        """What the page shows before any change."""
        return WhatIf()

    def what_if(self) -> WhatIf:
        """The validated changes; call after is_valid()."""
        data = self.cleaned_data
        return WhatIf(
            program=data["program"] or None,
            officers=data["officers"],
            decisions_per_officer_per_day=data["decisions_per_officer_per_day"],
            arrivals_change_percent=data["arrivals_change_percent"] or 0.0,
            horizon_days=data["horizon_days"] or 365,
            interval_level=float(data["interval_level"] or 0.8),
        )
