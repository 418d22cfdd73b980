"""The request wizard's steps answered as a person does, shared by the journeys and the tasks."""

from __future__ import annotations

from dataclasses import dataclass

from .driver import Driver

YES, NO, DONT_KNOW = 0, 1, 2  # the radio order of every Yes / No / I don't know question
FEMALE, MALE = 0, 1
SPOUSE, CHILD = 0, 1


@dataclass(frozen=True)
class FamilyMember:
    """A spouse or child added on the household step, travelling with the person."""

    relationship: int
    given_name: str
    family_name: str
    born: str
    sex: int
    passport_number: str


def choose_program(tab: Driver) -> None:
    tab.select("id_program-program", "general")
    tab.radio("id_program-category", 0)
    tab.submit()


def describe_the_person(tab: Driver, *, born: str = "1988-03-14") -> None:
    """The beneficiary step, sent once; a wrong date is left for the caller to correct."""
    tab.text("id_beneficiary-given_name", "Olena")
    tab.text("id_beneficiary-family_name", "Kovalenko")
    tab.date("id_beneficiary-birth_date", born)
    tab.radio("id_beneficiary-sex", FEMALE)
    tab.submit()


def answer_up_to_household(tab: Driver) -> None:
    """Where the person lives, their passport and their history; ends on the household step."""
    tab.select("id_residence-citizenship", "UA")
    tab.select("id_residence-current_country", "PL")
    tab.submit()
    tab.select("id_passport-passport_country", "UA")
    tab.text("id_passport-passport_number", "FE123456")
    tab.date("id_passport-passport_expires_on", "2030-01-01")
    tab.submit()
    tab.radio("id_history-in_united_states", NO)
    tab.radio("id_history-in_removal_proceedings", NO)
    tab.radio("id_history-ever_ordered_removed", NO)
    tab.radio("id_history-ever_entered_irregularly", NO)
    tab.radio("id_history-ever_interdicted_at_sea", NO)
    tab.radio("id_history-resident_or_refugee_elsewhere", NO)
    tab.submit()


def answer_the_reason(tab: Driver) -> None:
    """The urgent reason, a medical one; ends on the support step."""
    tab.text("id_reason-narrative", "A bone-marrow transplant that is not available at home.")
    tab.text("id_reason-diagnosis", "Acute leukaemia")
    tab.date("id_reason-treatment_on", "2027-03-01")
    tab.radio("id_reason-medical_emergency", YES)
    tab.radio("id_reason-life_threatening", YES)
    tab.radio("id_reason-treatment_unavailable_at_home", YES)
    tab.submit()


def add_family_member(tab: Driver, index: int, member: FamilyMember) -> None:
    """Press "Add a family member" on the household step and answer that member's questions."""
    tab.press("main form button[name='household-add']")
    field = f"id_household-m{index}"
    tab.radio(f"{field}_relationship", member.relationship)
    tab.text(f"{field}_given_name", member.given_name)
    tab.text(f"{field}_family_name", member.family_name)
    tab.date(f"{field}_birth_date", member.born)
    tab.radio(f"{field}_sex", member.sex)
    tab.select(f"{field}_citizenship", "UA")
    tab.select(f"{field}_current_country", "PL")
    tab.select(f"{field}_passport_country", "UA")
    tab.text(f"{field}_passport_number", member.passport_number)
    tab.date(f"{field}_passport_expires_on", "2031-01-01")
    tab.radio(f"{field}_travelling_with_principal", YES)
    tab.radio(f"{field}_in_united_states", NO)
    tab.radio(f"{field}_in_removal_proceedings", NO)
    tab.radio(f"{field}_ever_ordered_removed", NO)
    tab.radio(f"{field}_ever_entered_irregularly", NO)
    tab.radio(f"{field}_ever_interdicted_at_sea", NO)
    tab.radio(f"{field}_resident_or_refugee_elsewhere", NO)
    tab.radio(f"{field}_vaccinations", YES)


def answer_from_support_to_review(tab: Driver) -> None:
    """Support as suggested, the filing fee sent, the attestations; ends on the review page."""
    tab.submit()
    tab.radio("id_fee-filing_fee", 0)
    tab.submit()
    tab.radio("id_attestations-vaccinations", YES)
    tab.radio("id_attestations-medical_screening", YES)
    tab.radio("id_attestations-tb_screening", DONT_KNOW)
    tab.check("id_attestations-attest")
    tab.submit()
