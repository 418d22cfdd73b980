"""Shared pieces of portal forms: localised messages, people's details, countries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lifeline.core import clock
from lifeline.core.names import validate_name
from lifeline.portal import choices
from lifeline.portal.localise import country_choices, parse_whole_number_local
from lifeline.portal.widgets import DATE_EXAMPLE, MemorableDateField

# Countries offered in lists: those of the shipped programs, their neighbours and hosts.
COUNTRIES = [
    "AF", "AR", "BR", "CA", "CL", "CO", "CR", "CU", "DE", "DO", "EC", "ES", "FR", "GB", "GT",
    "HN", "HT", "IN", "IR", "IT", "JM", "MD", "MX", "NI", "PA", "PE", "PK", "PL", "RO", "RU",
    "SK", "SV", "TJ", "TR", "UA", "US", "UZ", "VE",
]  # fmt: skip
_MESSAGES = {
    "required": _("Fill in this field."),
    "invalid": _("Enter a valid value."),
    "invalid_choice": _("Choose one of the options."),
    "max_length": _("This is too long."),
    "min_value": _("This number is too small."),
    "max_value": _("This number is too large."),
}


class PortalForm(forms.Form):
    """Server-side checks only, with the portal's own messages in every language."""

    use_required_attribute = False

    def __init__(
        self,
        *args: Any,
        context: dict[str, Any] | None = None,
        options: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        self.context = context or {}  # earlier steps' answers, in a step-by-step form
        self.options = options or {}  # what the page offers, e.g. declarations to attach
        super().__init__(*args, **kwargs)
        localise_messages(self.fields.values())


def localise_messages(fields: Iterable[forms.Field]) -> None:
    """The portal's own error messages, in every language, on these fields."""
    for field in fields:
        field.error_messages = {**field.error_messages, **_MESSAGES}
        if isinstance(field, forms.DateField):
            field.error_messages["invalid"] = _(
                "Enter a real date: month 1 to 12, day 1 to 31 and a four-digit year."
            )
        if isinstance(field, LocalIntegerField):
            field.error_messages["invalid"] = _("Enter a whole number, such as 62,000.")
        elif isinstance(field, forms.IntegerField):
            field.error_messages["invalid"] = _("Enter a whole number, with digits only.")
        if isinstance(field, forms.EmailField):
            field.error_messages["invalid"] = _("Enter an e-mail address like name@example.com.")


class LocalIntegerField(forms.IntegerField):
    """A whole number typed as the reader writes it, grouping separators included ("62,000")."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str) and value.strip():
            parsed = parse_whole_number_local(value)
            if parsed is None:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            value = str(parsed)
        result: int | None = super().to_python(value)
        return result


def country_field(label: Any, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=lambda: [("", _("Choose a country")), *country_choices(COUNTRIES)],
        **kwargs,
    )


def past_date(value: dt.date) -> None:
    if value > clock.today():
        raise forms.ValidationError(_("This date cannot be in the future."))
    if value.year < 1900:
        raise forms.ValidationError(_("Enter a year after 1900."))


def future_date(value: dt.date) -> None:
    if value < clock.today():
        raise forms.ValidationError(_("This date must be today or later."))


class PersonForm(PortalForm):
    """A person's names, birth, sex, citizenship and where they are now."""

    given_name = forms.CharField(label=_("Given names"), max_length=100, validators=[validate_name])
    family_name = forms.CharField(
        label=_("Family name"), max_length=100, validators=[validate_name]
    )
    birth_date = MemorableDateField(
        label=_("Date of birth"), help_text=DATE_EXAMPLE, validators=[past_date]
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=choices.SEXES, widget=forms.RadioSelect)
    citizenship = country_field(_("Country of citizenship"))
    current_country = country_field(_("Country where the person lives now"))


def person_document(data: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A person section of a request document, from a PersonForm's cleaned data."""
    document = {
        "given_name": data["given_name"],
        "family_name": data["family_name"],
        "birth_date": data["birth_date"].isoformat(),
        "sex": data["sex"],
        "citizenships": [data["citizenship"]],
        "current_country": data["current_country"],
    }
    document.update({key: value for key, value in extra.items() if value not in ("", None)})
    return document


def yes_no(label: Any, **kwargs: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        **kwargs,
    )
