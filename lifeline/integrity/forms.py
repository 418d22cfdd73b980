"""Analysts' forms: decide a flag, merge or split a resolved identity, each with a reason."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lifeline.integrity.services import MIN_REASON_LENGTH


def _reason_field() -> forms.CharField:
    return forms.CharField(
        label=_("Reason"),
        min_length=MIN_REASON_LENGTH,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the audit trail. At least %(n)s characters.")
        % {"n": MIN_REASON_LENGTH},
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("confirm", _("Confirm: the evidence holds")),
            ("dismiss", _("Dismiss: explained or not evidence")),
        ],
        widget=forms.RadioSelect,
    )
    reason = _reason_field()


class MergeForm(forms.Form):
    other = forms.IntegerField(
        label=_("Identity number to merge into this one"),
        min_value=1,
        help_text=_("The same person filed under another spelling."),
    )
    reason = _reason_field()


class SplitForm(forms.Form):
    people = forms.TypedMultipleChoiceField(
        label=_("People to split off into a new identity"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = _reason_field()

    def __init__(self, *args: object, choices: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["people"].choices = choices  # type: ignore[attr-defined]
