"""The parole request, step by step, and the family-member and evidence forms."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, cast

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from lifeline.core import clock
from lifeline.core.local_formats import format_date_local, format_usd_local
from lifeline.core.names import validate_native_name
from lifeline.portal import choices
from lifeline.portal.forms import (
    LocalIntegerField,
    PersonForm,
    PortalForm,
    country_field,
    future_date,
    past_date,
    person_document,
)
from lifeline.portal.program_intake import (
    ProgramIntake,
    get_program_intake,
    list_program_intake,
    open_program_choices,
)
from lifeline.portal.requests.facts import FILING_FEE_ANSWERS, YES, yes_no_unknown
from lifeline.portal.requests.household import HouseholdStepForm
from lifeline.portal.widgets import DATE_EXAMPLE, MemorableDateField
from lifeline.portal.wizard import Step
from lifeline.supporters.models import SupporterDeclaration


def _open_programs() -> list[tuple[str, str]]:
    return open_program_choices(on=clock.today())


class ProgramStepForm(PortalForm):
    program = forms.ChoiceField(
        label=_("Program"), choices=_open_programs,
        help_text=_("Only programs that take new requests today are listed."),
    )  # fmt: skip
    category = forms.ChoiceField(
        label=_("Why the person needs to come"), choices=choices.CATEGORIES,
        widget=forms.RadioSelect,
    )  # fmt: skip

    @property
    def closed_programs(self) -> list[ProgramIntake]:
        """Programs left out of the list, each with the policy's reason."""
        return [item for item in list_program_intake(on=clock.today()) if not item.is_open]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("program") and data.get("category"):
            categories = get_program_intake(data["program"], on=clock.today()).categories
            if data["category"] not in categories:
                self.add_error(
                    "category", _("This program does not take requests for this reason.")
                )
        return data


class BeneficiaryForm(PersonForm):
    given_name_native = forms.CharField(
        label=_("Given names in the person's own alphabet"), max_length=200, required=False,
        validators=[validate_native_name],
    )  # fmt: skip
    family_name_native = forms.CharField(
        label=_("Family name in the person's own alphabet"), max_length=200, required=False,
        validators=[validate_native_name],
    )  # fmt: skip
    marital_status = forms.ChoiceField(
        label=_("Marital status"), choices=choices.MARITAL_STATUSES, required=False
    )
    email = forms.EmailField(label=_("The person's e-mail address"), required=False)
    passport_country = country_field(_("Country that issued the passport"), required=False)
    passport_number = forms.RegexField(
        label=_("Passport number"), regex=r"^[A-Za-z0-9]{3,20}$", required=False,
        error_messages={"invalid": _("Use 3 to 20 letters and digits, without spaces.")},
    )  # fmt: skip
    passport_expires_on = MemorableDateField(label=_("Passport expiry date"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parts = [data.get(f"passport_{name}") for name in ("country", "number", "expires_on")]
        if any(parts) and not all(parts):
            self.add_error(
                "passport_number",
                _("Give the passport's country, number and expiry date, or none of them."),
            )
        return data


class _BeneficiaryPart(BeneficiaryForm):
    """One page of the person's details: the BeneficiaryForm's fields named in `keep`."""

    keep: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in [name for name in self.fields if name not in self.keep]:
            del self.fields[name]


class BeneficiaryNameStepForm(_BeneficiaryPart):
    keep = ("given_name", "family_name", "given_name_native", "family_name_native",
            "birth_date", "sex", "marital_status")  # fmt: skip


class BeneficiaryPlaceStepForm(_BeneficiaryPart):
    keep = ("citizenship", "current_country", "email")


class PassportStepForm(_BeneficiaryPart):
    keep = ("passport_country", "passport_number", "passport_expires_on")


BENEFICIARY_STEPS = ("beneficiary", "residence", "passport")


def beneficiary_answers(answers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The person's details from the three pages that ask for them, as one BeneficiaryForm."""
    merged: dict[str, Any] = {}
    for name in BENEFICIARY_STEPS:
        merged.update(answers[name])
    return merged


def beneficiary_document(data: dict[str, Any]) -> dict[str, Any]:
    """The beneficiary section of a request document, from a BeneficiaryForm's cleaned data."""
    passport = None
    if data.get("passport_number"):
        passport = {
            "country": data["passport_country"],
            "number": data["passport_number"].upper(),
            "expires_on": data["passport_expires_on"].isoformat(),
        }
    return person_document(
        data,
        given_name_native=data.get("given_name_native"),
        family_name_native=data.get("family_name_native"),
        marital_status=data.get("marital_status") or None,
        email=data.get("email"),
        passport=passport,
    )


class HistoryStepForm(PortalForm):
    in_united_states = yes_no_unknown(_("Is the person in the United States now?"))
    in_removal_proceedings = yes_no_unknown(
        _("Is the person in removal proceedings in the United States?")
    )
    immigrant_visa_issued = yes_no_unknown(
        _("Has the person been issued a U.S. immigrant visa?"), required=False
    )
    ever_ordered_removed = yes_no_unknown(
        _("Has the person ever been ordered removed from the United States?"), required=False
    )
    ever_entered_irregularly = yes_no_unknown(
        _("Has the person ever entered the United States, Mexico or Panama without authorization?"),
        required=False,
    )
    ever_interdicted_at_sea = yes_no_unknown(
        _(
            "Has the person ever been stopped at sea (interdicted) while trying to reach the "
            "United States?"
        ),
        required=False,
    )
    resident_or_refugee_elsewhere = yes_no_unknown(
        _("Is the person a permanent resident of, or a refugee in, any country?"), required=False
    )
    was_invited = yes_no_unknown(
        _("Did USCIS invite the petitioner to file for this person?"), required=False,
        help_text=_("Only Family Reunification Parole is by invitation."),
    )  # fmt: skip

    petitioner_lawfully_present_in_us = yes_no_unknown(
        _("Is the parent or guardian asking for the child lawfully present in the United States?"),
        required=False,
        help_text=_("Only Central American Minors (CAM) asks this."),
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        program = self.context.get("program", {}).get("program")
        if program == "frp" and not data.get("was_invited"):
            self.add_error("was_invited", _("Fill in this field."))
        if program == "cam" and not data.get("petitioner_lawfully_present_in_us"):
            self.add_error("petitioner_lawfully_present_in_us", _("Fill in this field."))
        return data


def is_in_united_states(earlier: dict[str, dict[str, Any]]) -> bool:
    """Whether the person was said to be in the United States now (the history step)."""
    return earlier.get("history", {}).get("in_united_states") == YES


class ArrivalStepForm(PortalForm):
    """Since when a person here has lived in the United States, or "I don't know": the day
    the TPS routes turn on (ADR 0252 and 0274). Asked only of a person said to be here."""

    in_us_since = MemorableDateField(
        label=_("Since when has the person lived in the United States?"),
        help_text=DATE_EXAMPLE, required=False, validators=[past_date],
    )  # fmt: skip
    in_us_since_unknown = forms.BooleanField(label=_("I don't know"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.context.get("beneficiary", {})
        if person.get("given_name"):
            name = f"{person['given_name']} {person.get('family_name', '')}".strip()
            self.fields["in_us_since"].label = _(
                "Since when has %(name)s lived in the United States?"
            ) % {"name": name}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, unknown = data.get("in_us_since"), data.get("in_us_since_unknown")
        if since and unknown:
            self.add_error("in_us_since", _('Give the date or tick "I don\'t know", not both.'))
        elif not since and not unknown and "in_us_since" not in self.errors:
            self.add_error("in_us_since", _('Give the date or tick "I don\'t know".'))
        born = self.context.get("beneficiary", {}).get("birth_date")
        if since and born and since < born:
            self.add_error("in_us_since", _("This date is before the person's date of birth."))
        return data

    def summary_rows(self) -> list[tuple[str, str]]:
        """The review's one line: the date in the reader's words, or "I don't know"."""
        since = self.cleaned_data.get("in_us_since")
        answer = format_date_local(since) if since else str(_("I don't know"))
        return [(str(self.fields["in_us_since"].label), answer)]


# The facts a request for this reason turns on: the wizard asks for an answer, "I don't know"
# included, instead of leaving them out.
CATEGORY_FACTS = {
    "medical": ("medical_emergency", "life_threatening", "treatment_unavailable_at_home"),
    "protection": ("threat_evidence", "individually_targeted"),
}


# The reason page asks only what matters for the reason chosen on the first page.
REASON_FIELDS_BY_CATEGORY: dict[str, tuple[str, ...]] = {
    "medical": (
        "diagnosis",
        "treatment_on",
        "medical_emergency",
        "life_threatening",
        "treatment_unavailable_at_home",
    ),
    "protection": ("threat_evidence", "individually_targeted"),
    "family_reunification": (),
    "public_benefit": ("event_kind", "event_on"),
    "other": ("event_kind", "event_on"),
}


class ReasonStepForm(PortalForm):
    narrative = forms.CharField(
        label=_("Explain why the person needs to come now"), max_length=20_000,
        widget=forms.Textarea,
    )  # fmt: skip
    diagnosis = forms.CharField(label=_("Diagnosis"), max_length=200, required=False)
    treatment_on = MemorableDateField(
        label=_("Date treatment is planned"), required=False, validators=[future_date]
    )
    medical_emergency = yes_no_unknown(_("Is it a medical emergency?"), required=False)
    life_threatening = yes_no_unknown(_("Does the condition threaten life?"), required=False)
    treatment_unavailable_at_home = yes_no_unknown(
        _("Is the treatment unavailable where the person lives?"), required=False
    )
    threat_evidence = yes_no_unknown(_("Can you show evidence of the threat?"), required=False)
    individually_targeted = yes_no_unknown(_("Is the person targeted personally?"), required=False)
    event_kind = forms.ChoiceField(
        label=_("Event the request is for"), choices=choices.EVENT_KINDS, required=False
    )
    event_on = MemorableDateField(label=_("Date of the event"), required=False)
    requested_duration_days = LocalIntegerField(
        label=_("How many days the person needs to stay"), min_value=1, max_value=1825,
        initial=365,
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category = self.context.get("program", {}).get("category")
        asked = REASON_FIELDS_BY_CATEGORY.get(category, ())
        every = {name for names in REASON_FIELDS_BY_CATEGORY.values() for name in names}
        self.left_out = {name: self.fields.pop(name) for name in sorted(every - set(asked))}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, field in self.left_out.items():  # not asked: the empty answer
            data[name] = False if isinstance(field, forms.BooleanField) else field.to_python(None)
        category = self.context.get("program", {}).get("category")
        if category == "medical" and not data.get("diagnosis"):
            self.add_error("diagnosis", _("A medical request needs the diagnosis."))
        for name in CATEGORY_FACTS.get(category, ()):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("Fill in this field."))
        if data.get("event_kind") and not data.get("event_on"):
            self.add_error("event_on", _("Give the date of the event."))
        return data


class SupportStepForm(PortalForm):
    declarations = forms.MultipleChoiceField(
        label=_("Declarations of support to attach"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only declarations the beneficiary has confirmed are listed."),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        declarations = cast(forms.MultipleChoiceField, self.fields["declarations"])
        declarations.choices = self.options.get("declaration_choices", [])


class FeeStepForm(PortalForm):
    """The filing fee on a page of its own: sent, a waiver asked for, or not known yet. With
    `options["fee_due_cents"]`, a function of the earlier answers, it says how much is due."""

    filing_fee = forms.ChoiceField(
        label=_("The filing fee"), widget=forms.RadioSelect, choices=FILING_FEE_ANSWERS,
        help_text=_("A request sent with the wrong fee is rejected. If you do not know yet, the "
                    "pre-screen asks for it."),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fee_due_cents = self.options.get("fee_due_cents")
        cents = fee_due_cents(self.context) if fee_due_cents and self.context else None
        if cents is None:
            return
        due = _("The filing fee due for everyone in this request: %(amount)s.") % {
            "amount": format_usd_local(cents // 100)  # as the pre-screen writes fees
        }
        field = self.fields["filing_fee"]
        field.help_text = format_lazy("{} {}", due, field.help_text)


class AttestationStepForm(PortalForm):
    vaccinations = yes_no_unknown(_("Has the person had the vaccinations the program requires?"))
    medical_screening = yes_no_unknown(
        _("Has the person had the medical screening the program requires?")
    )
    tb_screening = yes_no_unknown(_("Has the person had a tuberculosis test?"))
    attest = forms.BooleanField(
        label=_("I declare that everything in this request is true and complete."),
        error_messages={"required": _("You must make this declaration to file the request.")},
    )


def request_steps() -> list[Step]:
    return [
        Step("program", _("Program and reason"), ProgramStepForm),
        Step("beneficiary", _("About the person"), BeneficiaryNameStepForm),
        Step("residence", _("Where the person lives"), BeneficiaryPlaceStepForm),
        Step("passport", _("The person's passport"), PassportStepForm),
        Step("history", _("Immigration history"), HistoryStepForm),
        Step("arrival", _("Time in the United States"), ArrivalStepForm, is_in_united_states),
        Step("household", _("Family members"), HouseholdStepForm),
        Step("reason", _("The urgent reason"), ReasonStepForm),
        Step("support", _("Support"), SupportStepForm),
        Step("fee", _("The filing fee"), FeeStepForm),
        Step("attestations", _("Attestations"), AttestationStepForm),
    ]


def prefill(
    declarations: Sequence[SupporterDeclaration], *, program: str = ""
) -> dict[str, dict[str, Any]]:
    """Suggested answers: the program asked for (if open today), else that of the newest
    confirmed declaration, and the declaration's beneficiary as the person."""
    open_programs = {key for key, _name in open_program_choices(on=clock.today())}
    newest = max(declarations, key=lambda d: d.confirmed_at or d.created_at, default=None)
    initial: dict[str, dict[str, Any]] = {}
    if program in open_programs:
        initial["program"] = {"program": program}
    elif newest is not None and newest.program in open_programs:
        initial["program"] = {"program": newest.program}
    if newest is not None:
        person = newest.beneficiary
        initial["beneficiary"] = {
            "given_name": person.given_name,
            "family_name": person.family_name,
            "birth_date": person.birth_date,
            "sex": person.sex,
            "citizenship": (list(person.citizenships) or [person.current_country])[0],
            "current_country": person.current_country,
        }
    if newest is not None:
        initial["support"] = {"declarations": [newest.reference]}
    return initial


class FamilyMemberForm(BeneficiaryForm):
    relationship_to_principal = forms.ChoiceField(
        label=_("This person is the principal's"),
        choices=[("spouse", _("Spouse or partner")), ("child", _("Child"))],
        widget=forms.RadioSelect,
    )
    companion = forms.ChoiceField(
        label=_("For a child under 18: the principal is the child's"),
        choices=[
            ("", _("Not a child under 18")),
            ("parent", _("Parent")),
            ("legal_guardian", _("Legal guardian")),
            ("other_adult", _("Another adult")),
        ],
        required=False,
    )
    attest = AttestationStepForm.base_fields["attest"]


class EvidenceUploadForm(PortalForm):
    kind = forms.ChoiceField(label=_("Which document this is"))
    file = forms.FileField(label=_("File"), help_text=_("A PDF, JPEG or PNG file, at most 10 MB."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = self.options.get("kinds", [])
        self.fields["file"].error_messages["required"] = _("Choose a file to upload.")
        self.fields["file"].error_messages["empty"] = _("The file is empty.")
