"""The supporter's declaration of support, step by step."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lifeline.core import clock
from lifeline.portal import choices
from lifeline.portal.forms import LocalIntegerField, PersonForm, PortalForm
from lifeline.portal.program_intake import ProgramIntake, list_program_intake, open_program_choices
from lifeline.portal.wizard import Step

# Statuses no A-Number proves: every other status asks for one.
_WITHOUT_A_NUMBER = {"citizen", "national", "none"}


def _open_programs() -> list[tuple[str, str]]:
    return open_program_choices(on=clock.today())


class BeneficiaryStepForm(PersonForm):
    program = forms.ChoiceField(
        label=_("Program"), choices=_open_programs,
        help_text=_("Only programs that take new requests today are listed."),
    )  # fmt: skip
    beneficiary_email = forms.EmailField(
        label=_("The beneficiary's e-mail address"),
        help_text=_("We send the beneficiary an invitation to confirm your declaration."),
    )
    joins_reference = forms.RegexField(
        label=_("Declaration you are joining as a co-supporter"),
        regex=r"^SD-[0-9A-Z]{10}$",
        required=False,
        help_text=_(
            "Only if another supporter already declared for this person, e.g. SD-1A2B3C4D5E."
        ),
        error_messages={"invalid": _("A declaration number looks like SD-1A2B3C4D5E.")},
    )
    field_order = ["program", "given_name", "family_name", "birth_date", "sex", "citizenship",
                   "current_country", "beneficiary_email", "joins_reference"]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_name"].label = _("The beneficiary's given names")
        self.fields["family_name"].label = _("The beneficiary's family name")
        self.fields["birth_date"].label = _("The beneficiary's date of birth")
        self.fields["sex"].label = _("The beneficiary's sex")
        self.fields["program"].error_messages["invalid_choice"] = _(
            "This program takes no new requests today, so no declaration can be filed under it. "
            "Choose a program from the list."
        )

    @property
    def closed_programs(self) -> list[ProgramIntake]:
        """Programs left out of the list, each with the policy's reason."""
        return [item for item in list_program_intake(on=clock.today()) if not item.is_open]


class IdentityStepForm(PersonForm):
    phone = forms.RegexField(
        label=_("Phone number"), regex=r"^\+?[0-9 ()\-]{7,20}$",
        error_messages={"invalid": _("Enter a phone number with digits, e.g. +1 202 555 0100.")},
    )  # fmt: skip


class StatusStepForm(PortalForm):
    status_in_us = forms.ChoiceField(
        label=_("Your status in the United States"), choices=choices.STATUS_IN_US
    )
    a_number = forms.RegexField(
        label=_("Your A-Number"),
        regex=r"^A?\d{8,9}$",
        required=False,
        help_text=_("As shown on your green card or other immigration document, e.g. A123456789."),
        error_messages={"invalid": _("An A-Number is the letter A and 8 or 9 digits.")},
    )
    ssn = forms.RegexField(
        label=_("Your Social Security number"),
        regex=r"^\d{3}-?\d{2}-?\d{4}$",
        required=False,
        error_messages={"invalid": _("A Social Security number has 9 digits, e.g. 123-45-6789.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status_in_us") not in _WITHOUT_A_NUMBER | {None} and not data.get("a_number"):
            self.add_error("a_number", _("Give the A-Number that proves your status."))
        return data


class FinancesStepForm(PortalForm):
    annual_income_usd = LocalIntegerField(
        label=_("Your yearly income in U.S. dollars"), min_value=0, max_value=100_000_000
    )
    household_size = LocalIntegerField(
        label=_("How many people live in your household, you included"),
        min_value=1,
        max_value=50,
    )
    other_beneficiaries_pledged = LocalIntegerField(
        label=_("How many other people you have already declared support for"),
        min_value=0,
        max_value=100_000,
        initial=0,
    )


class RelationshipStepForm(PortalForm):
    relationship = forms.ChoiceField(
        label=_("The beneficiary is your"), choices=choices.RELATIONSHIPS
    )
    attest = forms.BooleanField(
        label=_(
            "I declare that what I wrote is true, and that I will support the beneficiary "
            "financially for the length of their parole."
        ),
        error_messages={"required": _("You must make this declaration to send it.")},
    )


def declaration_steps() -> list[Step]:
    return [
        Step("beneficiary", _("The person you support"), BeneficiaryStepForm),
        Step("identity", _("About you"), IdentityStepForm),
        Step("status", _("Your status in the United States"), StatusStepForm),
        Step("finances", _("Income and household"), FinancesStepForm),
        Step("relationship", _("Relationship and declaration"), RelationshipStepForm),
    ]


def declaration_arguments(answers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The declare_support arguments, from every step's cleaned answers."""
    beneficiary, identity = answers["beneficiary"], answers["identity"]
    status, finances = answers["status"], answers["finances"]
    supporter_person = {
        "given_name": identity["given_name"],
        "family_name": identity["family_name"],
        "birth_date": identity["birth_date"].isoformat(),
        "sex": identity["sex"],
        "citizenships": [identity["citizenship"]],
        "current_country": identity["current_country"],
        "phone": identity["phone"],
        "a_number": status["a_number"],
        "ssn": status["ssn"],
    }
    return {
        "program": beneficiary["program"],
        "beneficiary_email": beneficiary["beneficiary_email"],
        "joins_reference": beneficiary["joins_reference"] or None,
        "beneficiary": {
            "given_name": beneficiary["given_name"],
            "family_name": beneficiary["family_name"],
            "birth_date": beneficiary["birth_date"].isoformat(),
            "sex": beneficiary["sex"],
            "citizenships": [beneficiary["citizenship"]],
            "current_country": beneficiary["current_country"],
        },
        "supporter": {
            "person": supporter_person,
            "status_in_us": status["status_in_us"],
            "annual_income_usd": finances["annual_income_usd"],
            "household_size": finances["household_size"],
            "other_beneficiaries_pledged": finances["other_beneficiaries_pledged"] or 0,
            "relationship": answers["relationship"]["relationship"],
        },
    }
