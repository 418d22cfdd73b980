"""The staff forms' date field (English, as the workspace is), held to the one plausible range."""

from __future__ import annotations

from typing import Any

from django import forms

from lifeline.core.dates import EARLIEST, LATEST, plausible_date


class PlausibleDateField(forms.DateField):
    """A form date field that refuses a date outside EARLIEST..LATEST with a clear message."""

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value in self.empty_values:
            return
        try:
            plausible_date(value)
        except ValueError as error:
            raise forms.ValidationError(
                "Enter a date from %(earliest)s to %(latest)s.",
                code="out_of_range",
                params={"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()},
            ) from error
