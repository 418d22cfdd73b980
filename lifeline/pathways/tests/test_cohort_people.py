"""The program office's cohort names the people whose parole ends soon, in the page and in a CSV
a spreadsheet cannot run, and a supervisor (who reads case files) opens their page, audited."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.test import Client

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.audit.models import AuditEvent
from lifeline.core.csv_cells import spreadsheet_safe
from lifeline.intake.tests.factories import make_user
from lifeline.parole.models import ParoleTerm
from lifeline.parole.tests.builders import make_term

pytestmark = pytest.mark.django_db

QUERY = "as_of=2025-09-01&within=60"


def ending(on: dt.date, name: str = "", **fields: object) -> ParoleTerm:
    term = make_term(
        "u4u-2022-04-25",
        arrived_on=dt.date(2024, 1, 10),
        original_ends_on=on,
        ends_on=on,
        class_of_admission="UHP",
        **fields,
    )
    if name:
        person = term.request.beneficiary
        person.given_name, person.family_name = name.split(" ", 1)
        person.save(update_fields=["given_name", "family_name"])
    return term


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_cohort_page_lists_each_person_soonest_end_first_with_filing_state() -> None:
    later = ending(dt.date(2025, 10, 31), "Olena Kovalenko")  # the last day counted
    sooner = ending(
        dt.date(2025, 9, 1),  # the as-of day itself
        "Taras Shevchenko",
        pending_filings=[{"kind": "asylum", "filed_on": "2025-02-01", "decided_on": None}],
    )
    outside = ending(dt.date(2025, 11, 1), "Ivan Franko")  # the day after the period

    page = signed_in(make_user(UserRole.SUPERVISOR)).get(f"/pathways/office/parole-ending/?{QUERY}")

    text = page.content.decode().split('id="cohort-people"', 1)[1]
    assert text.index("Taras Shevchenko") < text.index("Olena Kovalenko")
    assert "Ivan Franko" not in text and outside.request.reference not in text
    assert "Filing pending" in text and "Not known" in text
    assert f'href="/pathways/{sooner.request.reference}/"' in text
    assert f'href="/pathways/{later.request.reference}/"' in text


def test_a_program_administrator_sees_the_people_but_no_link_to_a_case_file() -> None:
    term = ending(dt.date(2025, 9, 15), "Olena Kovalenko")
    administrator = signed_in(make_user(UserRole.PROGRAM_ADMINISTRATOR))

    page = administrator.get(f"/pathways/office/parole-ending/?{QUERY}").content.decode()

    assert "Olena Kovalenko" in page
    assert f'href="/pathways/{term.request.reference}/"' not in page
    assert administrator.get(f"/pathways/{term.request.reference}/").status_code == 404


def test_a_supervisor_opens_the_parolee_page_and_the_view_is_audited() -> None:
    term = ending(dt.date(2025, 9, 15))
    supervisor = make_user(UserRole.SUPERVISOR)

    response = signed_in(supervisor).get(f"/pathways/{term.request.reference}/")

    assert response.status_code == 200
    viewed = AuditEvent.objects.filter(action="request.viewed", actor=supervisor)
    assert [event.details["where"] for event in viewed] == ["pathways.parolee"]


def test_the_people_csv_lists_them_and_neutralises_formula_cells() -> None:
    term = ending(dt.date(2025, 9, 15), "=HYPERLINK(1) @SUM(2)")
    supervisor = make_user(UserRole.SUPERVISOR)
    client = signed_in(supervisor)

    response = client.get(f"/pathways/office/parole-ending-people.csv?{QUERY}")

    assert response.status_code == 200
    assert "parole-ending-people-2025-09-01-60d.csv" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows == [
        {
            "reference": term.request.reference,
            "parolee": "'=HYPERLINK(1) @SUM(2)",
            "program": "u4u",
            "nationality": "UA",
            "parole_ends_on": "2025-09-15",
            "filing": "not_known",
        }
    ]
    (event,) = AuditEvent.objects.filter(action="pathways.cohort_people_exported")
    assert event.actor == supervisor
    assert event.details["rows"] == 1  # the names of one parolee left the system
    assert (event.details["as_of"], event.details["within_days"]) == ("2025-09-01", 60)


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Olena", "Olena"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_a_cell_starting_with_a_formula_sign_is_kept_as_text(value: str, safe: str) -> None:
    assert spreadsheet_safe(value) == safe


@pytest.mark.parametrize("role", [UserRole.BENEFICIARY, UserRole.OFFICER, UserRole.REPRESENTATIVE])
def test_the_people_csv_is_not_found_for_other_roles(role: str) -> None:
    response = signed_in(make_user(role)).get("/pathways/office/parole-ending-people.csv")

    assert response.status_code == 404


@pytest.mark.parametrize("prefix", ["/uk", "/ar", "/fa-af"])
def test_the_people_csv_keeps_iso_dates_under_any_language_prefix(prefix: str) -> None:
    ending(dt.date(2025, 9, 15), "Olena Kovalenko")
    client = signed_in(make_user(UserRole.SUPERVISOR))

    response = client.get(f"{prefix}/pathways/office/parole-ending-people.csv?{QUERY}")

    (row,) = csv.DictReader(io.StringIO(response.content.decode()))
    assert row["parole_ends_on"] == "2025-09-15"  # a machine format: ISO 8601 (ADR 0268)
