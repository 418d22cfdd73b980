"""The household step of the request: the spouse and children who travel with or join the person.

Each family member has their relationship, their own details and their own facts, each fact
answered Yes, No or "I don't know". Members are added and removed with buttons on the step;
a member whose every field is empty is left out.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from lifeline.core import clock
from lifeline.portal.forms import (
    PersonForm,
    PortalForm,
    country_field,
    localise_messages,
    person_document,
)
from lifeline.portal.requests.facts import (
    HISTORY_LIST_QUESTIONS,
    PERSON_LIST_QUESTIONS,
    fact,
    facts,
    stated_none,
    yes_no_unknown,
)
from lifeline.portal.widgets import MemorableDateField
from lifeline.portal.wizard import Wizard
from lifeline.programs.facts import is_minor

STEP = "household"
MAX_MEMBERS = 12
ADD, REMOVE = f"{STEP}-add", f"{STEP}-remove"
_PERSON_FIELDS = (
    "given_name",
    "family_name",
    "birth_date",
    "sex",
    "citizenship",
    "current_country",
)
_MEMBER_FACTS = (
    "in_united_states", "in_removal_proceedings", *HISTORY_LIST_QUESTIONS,
    *PERSON_LIST_QUESTIONS, "vaccinations",
)  # fmt: skip
_PASSPORT_FIELDS = ("passport_country", "passport_number", "passport_expires_on")
_MEMBER_NAMES = (
    "relationship", *_PERSON_FIELDS, *_PASSPORT_FIELDS, "travelling_with_principal",
    "principal_is", *_MEMBER_FACTS,
)  # fmt: skip


def _member_fields() -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {
        "relationship": forms.ChoiceField(
            label=_("This family member is the person's"),
            choices=[("spouse", _("Spouse or partner")), ("child", _("Child"))],
            widget=forms.RadioSelect,
        )
    }
    fields.update({name: PersonForm.base_fields[name] for name in _PERSON_FIELDS})
    fields.update({name: _passport_fields()[name] for name in _PASSPORT_FIELDS})
    fields["travelling_with_principal"] = yes_no_unknown(
        _("Does this family member travel with the person or join them?")
    )
    fields["principal_is"] = forms.ChoiceField(
        label=_("For a child under 18: the person is the child's"),
        choices=[
            ("", _("Not a child under 18")),
            ("parent", _("Parent")),
            ("legal_guardian", _("Legal guardian")),
            ("other_adult", _("Another adult")),
        ],
        required=False,
    )
    fields["in_united_states"] = yes_no_unknown(
        _("Is this family member in the United States now?")
    )
    fields["in_removal_proceedings"] = yes_no_unknown(
        _("Is this family member in removal proceedings in the United States?")
    )
    fields["ever_ordered_removed"] = yes_no_unknown(
        _("Has this family member ever been ordered removed from the United States?"),
        required=False,
    )
    fields["ever_entered_irregularly"] = yes_no_unknown(
        _(
            "Has this family member ever entered the United States, Mexico or Panama without "
            "authorization?"
        ),
        required=False,
    )
    fields["ever_interdicted_at_sea"] = yes_no_unknown(
        _(
            "Has this family member ever been stopped at sea (interdicted) while trying to reach "
            "the United States?"
        ),
        required=False,
    )
    fields["resident_or_refugee_elsewhere"] = yes_no_unknown(
        _("Is this family member a permanent resident of, or a refugee in, any country?"),
        required=False,
    )
    fields["vaccinations"] = yes_no_unknown(
        _("Has this family member had the vaccinations the program requires?")
    )
    return fields


@dataclass(frozen=True)
class MemberBlock:
    index: int
    fields: list[BoundField]

    @property
    def number(self) -> int:
        return self.index + 1


class HouseholdStepForm(PortalForm):
    """`count` members, their fields named `m<i>_<field>`; `members` in the cleaned data."""

    fields_template = "portal/household_fields.html"
    count = forms.IntegerField(
        min_value=0, max_value=MAX_MEMBERS, initial=0, required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.member_count = (
            member_count(self.data, self.add_prefix("count")) if self.is_bound else 0
        )
        for index in range(self.member_count):
            number = index + 1
            for name, field in _member_fields().items():
                field = copy.deepcopy(field)
                field.label = format_lazy(
                    "{}: {}", _("Family member %(number)s") % {"number": number}, field.label
                )
                self.fields[f"m{index}_{name}"] = field
        localise_messages(self.fields.values())

    @property
    def members(self) -> list[MemberBlock]:
        return [
            MemberBlock(
                index,
                [self[f"m{index}_{name}"] for name in _MEMBER_NAMES],
            )
            for index in range(self.member_count)
        ]

    def _is_blank(self, index: int) -> bool:
        for name in _MEMBER_NAMES:
            key = f"m{index}_{name}"
            value = self.fields[key].widget.value_from_datadict(
                self.data, self.files, self.add_prefix(key)
            )
            if value not in (None, "", []):
                return False
        return True

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound:
            return
        for index in range(self.member_count):
            if self._is_blank(index):
                for name in _MEMBER_NAMES:
                    self.errors.pop(f"m{index}_{name}", None)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        members: list[dict[str, Any]] = []
        for index in range(self.member_count):
            if self._is_blank(index):
                continue
            member = {name: data.get(f"m{index}_{name}") for name in _MEMBER_NAMES}
            born = member.get("birth_date")
            is_child = isinstance(born, dt.date) and is_minor(born, on=clock.today())
            passport = [member.get(name) for name in _PASSPORT_FIELDS]
            if any(passport) and not all(passport):
                self.add_error(
                    f"m{index}_passport_number",
                    _("Give the passport's country, number and expiry date, or none of them."),
                )
            if member.get("relationship") == "child" and is_child and not member["principal_is"]:
                self.add_error(
                    f"m{index}_principal_is",
                    _("Say whether the person is this child's parent or legal guardian."),
                )
            members.append(member)
        data["members"] = members
        return data


def _passport_fields() -> dict[str, forms.Field]:
    """The passport questions of the person's own step, asked of each family member."""
    return {
        "passport_country": country_field(_("Country that issued the passport"), required=False),
        "passport_number": forms.RegexField(
            label=_("Passport number"), regex=r"^[A-Za-z0-9]{3,20}$", required=False,
            error_messages={"invalid": _("Use 3 to 20 letters and digits, without spaces.")},
        ),
        "passport_expires_on": MemorableDateField(
            label=_("Passport expiry date"), required=False
        ),
    }  # fmt: skip


def _passport(member: dict[str, Any]) -> dict[str, str] | None:
    if not member.get("passport_number"):
        return None
    return {
        "country": member["passport_country"],
        "number": str(member["passport_number"]).upper(),
        "expires_on": member["passport_expires_on"].isoformat(),
    }


def member_count(data: Any, key: str) -> int:
    raw = str(data.get(key) or "0")
    return min(int(raw), MAX_MEMBERS) if raw.isdigit() else 0


def household_document(
    members: list[dict[str, Any]], *, principal: dict[str, Any]
) -> list[dict[str, Any]]:
    """The `household` section of the request document, facts left out when not known."""
    household: list[dict[str, Any]] = []
    for member in members:
        item: dict[str, Any] = {
            "relationship": member["relationship"],
            "person": {
                **person_document(member, passport=_passport(member)),
                **stated_none(member, PERSON_LIST_QUESTIONS),
            },
        }
        travelling = fact(member.get("travelling_with_principal"))
        if travelling is not None:
            item["travelling_with_principal"] = travelling
        if member["relationship"] == "child" and travelling and member.get("principal_is"):
            item["travelling_with"] = {"relationship": member["principal_is"], "person": principal}
        history = {
            **facts(member, "in_united_states", "in_removal_proceedings"),
            **stated_none(member, HISTORY_LIST_QUESTIONS),
        }
        if history:
            item["immigration_history"] = history
        attestations = facts(member, "vaccinations")
        if attestations:
            item["attestations"] = attestations
        household.append(item)
    return household


def edit_household(http: HttpRequest, wizard: Wizard, *, step: str) -> HttpResponse | None:
    """Add or remove a family member (buttons on the household step), then show the step again.

    The step's answers are kept as they are, valid or not; any other request returns None.
    """
    found = wizard.step(step)
    if step != STEP or found is None or http.method != "POST":
        return None
    if not ({ADD, REMOVE} & set(http.POST)):
        return None
    data = http.POST.copy()
    count = member_count(data, f"{STEP}-count")
    removed = str(data.get(REMOVE, ""))
    if ADD in data:
        count = min(count + 1, MAX_MEMBERS)
    elif removed.isdigit() and int(removed) < count:
        data = _without_member(data, int(removed), count)
        count -= 1
    data.pop(ADD, None)
    data.pop(REMOVE, None)
    data[f"{STEP}-count"] = str(count)
    wizard.store(found, data)
    response: HttpResponse = redirect(http.get_full_path())
    return response


def _without_member(data: QueryDict, removed: int, count: int) -> QueryDict:
    """The answers with member `removed` taken out and the later members moved up by one."""
    kept = QueryDict(mutable=True)
    for key in data:
        values = data.getlist(key)
        head, _sep, rest = key.partition(f"{STEP}-m")
        index_text, _under, name = rest.partition("_")
        if head or not index_text.isdigit():
            kept.setlist(key, values)
            continue
        index = int(index_text)
        if index < removed:
            kept.setlist(key, values)
        elif index > removed and index < count:
            kept.setlist(f"{STEP}-m{index - 1}_{name}", values)
    return kept
