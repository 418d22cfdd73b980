"""Forms for the parole record: fee payment, arrival, departure, a filing, a termination run."""

from __future__ import annotations

from typing import cast

from django import forms

from lifeline.core.date_fields import PlausibleDateField
from lifeline.parole.enums import FilingOutcome


class PaymentForm(forms.Form):
    payment_token = forms.CharField(
        max_length=100,
        label="Card token from the payment page",
        help_text='The demo gateway accepts any token but "decline".',
    )
    idempotency_key = forms.CharField(max_length=120, widget=forms.HiddenInput)


class ArrivalForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    arrived_on = PlausibleDateField(
        label="Date of arrival", widget=forms.DateInput(attrs={"type": "date"})
    )
    port_of_entry = forms.CharField(max_length=80, label="Port of entry")
    i94_number = forms.CharField(max_length=11, label="I-94 number")
    class_of_admission = forms.CharField(max_length=4, label="Class of admission")


class DepartureForm(forms.Form):
    departed_on = PlausibleDateField(
        label="Date of departure", widget=forms.DateInput(attrs={"type": "date"})
    )


class ConditionMetForm(forms.Form):
    condition_id = forms.IntegerField(widget=forms.HiddenInput)
    met_on = PlausibleDateField(label="Date met", widget=forms.DateInput(attrs={"type": "date"}))


class FilingForm(forms.Form):
    kind = forms.ChoiceField(
        label="Filing",
        choices=[
            ("i485", "Form I-485"),
            ("asylum", "Asylum application"),
            ("tps", "TPS"),
            ("other", "Other"),
        ],
    )
    filed_on = PlausibleDateField(label="Filed on", widget=forms.DateInput(attrs={"type": "date"}))
    decided_on = PlausibleDateField(
        label="Decided on", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    outcome = forms.TypedChoiceField(
        label="Outcome",
        required=False,
        empty_value=None,
        choices=[("", "Pending"), *FilingOutcome.choices],
    )
    idempotency_key = forms.CharField(max_length=120, widget=forms.HiddenInput)


class TerminationForm(forms.Form):
    program = forms.ChoiceField(label="Program")
    apply = forms.BooleanField(required=False, label="Apply (leave unticked to preview)")

    def __init__(self, *args: object, programs: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        cast(forms.ChoiceField, self.fields["program"]).choices = [(p, p) for p in programs]
