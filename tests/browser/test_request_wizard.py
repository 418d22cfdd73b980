"""The request wizard in Arabic on a 360 px phone: a paused program explained before starting,
the confirmed declaration's answers suggested, and the answers kept across a sign-out; a
refused household step that keeps both family members; a supporter offered only programs
that take requests; since when a person here has lived in the United States, asked right to
left with the date boxes day first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from lifeline.core.local_formats import format_date_local
from lifeline.portal import choices
from lifeline.portal.tests.flows import (
    PASSWORD,
    declaration_answers,
    make_account,
    post_steps,
    signed_in,
)
from lifeline.supporters.models import SupporterDeclaration

from .driver import Driver
from .request_steps import (
    CHILD,
    FEMALE,
    MALE,
    NO,
    SPOUSE,
    YES,
    FamilyMember,
    add_family_member,
    answer_from_support_to_review,
    answer_the_reason,
    answer_up_to_household,
    choose_program,
    describe_the_person,
)
from .roles import sign_in
from .test_journeys import _declare

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(tab: Driver, login: str) -> None:
    tab.open("/accounts/login/")
    tab.text("id_login", login)
    tab.text("id_password", PASSWORD)
    tab.submit()


def test_the_wizard_in_arabic_at_360px_explains_a_paused_program_and_resumes_after_sign_out(
    open_driver: Callable[..., Driver],
) -> None:
    post_steps(
        signed_in(make_account("supporter")),
        "/declarations/new/",
        declaration_answers("olena@example.org"),
    )
    beneficiary = make_account("beneficiary", email="olena@example.org", language="ar")
    declaration = SupporterDeclaration.objects.get()
    signed_in(beneficiary).post(f"/declarations/{declaration.reference}/confirm/")

    tab = open_driver(language="ar", width=360)
    _sign_in(tab, "olena@example.org")
    tab.open("/programs/u4u/before-you-start/")
    assert tab.page.locator("#program-intake.usa-alert--warning").is_visible()
    assert tab.page.locator("#start-request").count() == 0
    tab.check_page("before-you-start-paused")
    tab.press("#fallback-program")
    tab.press("#start-request")
    assert tab.page.input_value("#id_program-program") == "general"
    assert tab.page.locator("#id_program-program option[value='u4u']").count() == 0
    tab.radio("id_program-category", 0)
    tab.submit()
    assert tab.page.input_value("#id_beneficiary-given_name") == "Olena"
    assert tab.page.input_value("#id_beneficiary-birth_date_2") == "1988"
    tab.radio("id_beneficiary-sex", 0)
    tab.submit()
    assert "/requests/new/residence/" in tab.page.url

    tab.press("header form.portal-signout button[type=submit]", check=False)
    _sign_in(tab, "olena@example.org")
    tab.open("/dashboard/")
    tab.press("#continue-draft")
    assert "/ar/requests/new/residence/" in tab.page.url
    tab.check_page("request-resumed")
    tab.open("/requests/new/beneficiary/")
    assert tab.page.input_value("#id_beneficiary-family_name") == "Kovalenko"


def test_a_refused_household_step_keeps_both_family_members_and_the_draft_resumes_there(
    open_driver: Callable[..., Driver],
) -> None:
    tab = open_driver(language="uk", width=360)
    sign_in(tab, make_account("beneficiary", language="uk"))
    tab.open("/requests/new/")
    choose_program(tab)
    describe_the_person(tab)
    answer_up_to_household(tab)
    add_family_member(tab, 0, FamilyMember(SPOUSE, "Andriy", "Kovalenko", "1986-07-01", MALE,
                                           "FE654321"))  # fmt: skip
    add_family_member(tab, 1, FamilyMember(CHILD, "Sofia", "Kovalenko", "2015-05-05", FEMALE,
                                           "FE765432"))  # fmt: skip
    tab.submit()  # the child's parent-or-guardian question left unanswered
    assert tab.page.locator("#form-errors li").count() == 1
    assert tab.page.locator("#form-errors a[href='#id_household-m1_principal_is']").count() == 1

    tab.open("/dashboard/")
    tab.press("#continue-draft")
    assert "/uk/requests/new/household/" in tab.page.url
    assert tab.page.input_value("#id_household-m0_given_name") == "Andriy"
    assert tab.page.input_value("#id_household-m1_given_name") == "Sofia"
    assert tab.page.input_value("#id_household-m1_birth_date_2") == "2015"
    assert tab.page.input_value("#id_household-m1_passport_number") == "FE765432"
    tab.select("id_household-m1_principal_is", "parent")
    tab.submit()
    assert "/uk/requests/new/reason/" in tab.page.url


def test_a_supporter_is_offered_only_programs_taking_requests_and_told_why_not_the_others(
    open_driver: Callable[..., Driver],
) -> None:
    tab = open_driver(language="es", width=1280)
    sign_in(tab, make_account("supporter", language="es"))
    tab.open("/declarations/new/")
    program = "#id_beneficiary-program"
    assert tab.page.locator(f"{program} option[value='general']").count() == 1
    assert tab.page.locator(f"{program} option[value='chnv_cuba']").count() == 0
    tab.page.click("#closed-programs summary")
    with translation.override("es"):
        cubans = str(choices.PROGRAM_NAMES["chnv_cuba"])
    assert cubans in tab.page.inner_text("#closed-programs")
    tab.open("/dashboard/")
    _declare(tab)  # the general process, the income written 86,000
    assert SupporterDeclaration.objects.get().annual_income_usd == 86000


@pytest.mark.parametrize(
    ("language", "boxes", "example"),
    [
        ("en", ["_0", "_1", "_2"], "4 28 1986"),
        ("uk", ["_1", "_0", "_2"], "28 4 1986"),
        ("fa-af", ["_2", "_0", "_1"], "1986 4 28"),
    ],
)
def test_date_boxes_come_in_the_readers_order_and_keep_the_date_typed_into_them(
    open_driver: Callable[..., Driver], language: str, boxes: list[str], example: str
) -> None:
    tab = open_driver(language=language, width=360)
    sign_in(tab, make_account("beneficiary", language=language))
    tab.open("/requests/new/")
    choose_program(tab)
    field = "id_beneficiary-birth_date"
    inputs = tab.page.locator(f"#{field}_0").locator(
        "xpath=ancestor::div[@class='usa-memorable-date']//input"
    )
    assert [box[len(field) :] for box in inputs.evaluate_all("els => els.map(e => e.id)")] == boxes
    assert example in tab.page.inner_text(f"#{field}_0 >> xpath=ancestor::fieldset")
    typed = {"day": "14", "month": "3", "year": "1988"}
    parts = {"_0": "month", "_1": "day", "_2": "year"}
    for index, box in enumerate(boxes):  # as a person types, first box first
        inputs.nth(index).fill(typed[parts[box]])
    tab.text("id_beneficiary-given_name", "Olena")
    tab.text("id_beneficiary-family_name", "Kovalenko")
    tab.radio("id_beneficiary-sex", FEMALE)
    tab.submit()
    assert "/requests/new/residence/" in tab.page.url
    tab.open("/requests/new/beneficiary/")
    stored = [int(tab.page.input_value(f"#{field}{box}")) for box in ("_0", "_1", "_2")]
    assert stored == [3, 14, 1988]  # month, day, year: 14 March 1988 in every order


@pytest.mark.parametrize("language", ["uk", "ru", "ar"])
def test_the_ten_steps_fit_a_1024px_window_in_languages_with_long_words(
    open_driver: Callable[..., Driver], language: str
) -> None:
    tab = open_driver(language=language, width=1024)
    sign_in(tab, make_account("beneficiary", language=language))
    tab.open("/requests/new/program/")  # check_page: no wider than the window
    assert tab.page.locator(".usa-step-indicator__segment").count() == 10
    tab.check_page("request-steps-1024px")


def test_a_person_here_is_asked_since_when_in_arabic_with_the_day_box_first(
    open_driver: Callable[..., Driver],
) -> None:
    make_account("beneficiary", email="olena@example.org", language="ar")
    tab = open_driver(language="ar", width=360)
    _sign_in(tab, "olena@example.org")
    tab.open("/requests/new/?restart=1")
    choose_program(tab)
    describe_the_person(tab)
    tab.select("id_residence-citizenship", "UA")
    tab.select("id_residence-current_country", "US")
    tab.submit()
    tab.submit()  # no passport given
    tab.radio("id_history-in_united_states", YES)
    for question in ("in_removal_proceedings", "ever_ordered_removed",
                     "ever_entered_irregularly", "resident_or_refugee_elsewhere"):  # fmt: skip
        tab.radio(f"id_history-{question}", NO)
    tab.submit()
    assert "/requests/new/arrival/" in tab.page.url
    assert tab.page.evaluate("document.documentElement.dir") == "rtl"
    with translation.override("ar"):
        question = _("Since when has %(name)s lived in the United States?") % {
            "name": "Olena Kovalenko"
        }
        needed = _('Give the date or tick "I don\'t know".')
        arrived = format_date_local(dt.date(2023, 8, 1))
    assert question in tab.page.inner_text("main")
    boxes = tab.page.eval_on_selector_all(
        "main input[inputmode='numeric']", "boxes => boxes.map(box => box.id)"
    )
    assert boxes == [f"id_arrival-in_us_since_{part}" for part in ("1", "0", "2")]
    tab.check_page("request-arrival")

    tab.submit()  # neither a date nor "I don't know"
    assert needed in tab.page.inner_text("main")
    tab.date("id_arrival-in_us_since", "2023-08-01")
    tab.submit()
    assert "/requests/new/household/" in tab.page.url
    tab.submit()  # no family members
    answer_the_reason(tab)
    answer_from_support_to_review(tab)
    review = tab.page.inner_text("main")
    assert question in review and arrived in review
    tab.check_page("request-arrival-review")
    tab.submit()
    assert arrived in tab.page.inner_text("#in-us-since")
